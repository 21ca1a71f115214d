export * from './availability.js';
export * from './bookings.js';
export * from './concerts.js';
export * from './errors.js';
export * from './hold-policy.js';
export * from './holds.js';
export * from './ids.js';
export * from './payment.js';
