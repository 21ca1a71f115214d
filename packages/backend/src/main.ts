/** `npm start`: the configuration from the environment, then `start()`; SIGINT and SIGTERM stop it. */
import { serve } from './serve.js';

await serve({ stopSignals: ['SIGINT', 'SIGTERM'] });
