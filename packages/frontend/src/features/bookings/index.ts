export { bookingKeys, createBooking } from './api/bookings';
