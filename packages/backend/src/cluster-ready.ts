/**
 * What an instance of `npm run cluster` tells the primary once it takes requests and a SIGTERM
 * would stop it gracefully: a signal that came before would end it at once.
 */
export const INSTANCE_READY = 'instance-ready';
