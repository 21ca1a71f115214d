export { ticketKeys, ticketPath, useTicket } from './api/tickets';
export { DoorCheckIn } from './components/door-check-in';
export { TicketNotFound, TicketView } from './components/ticket-view';
