export { isUrgent } from './components/hold-countdown';
export { OrderSummary } from './components/order-summary';
export { DECLINED_MESSAGE, PaymentForm } from './components/payment-form';
export { chosenFromState, type ChosenTickets } from './utils/hold-items';
