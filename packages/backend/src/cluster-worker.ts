/** One instance of `npm run cluster`: the server as `npm start` runs it, stopped by the primary. */
import { INSTANCE_READY } from './cluster-ready.js';
import { serve } from './serve.js';

// Ctrl+C sends SIGINT to every process of the terminal's group, the primary included, which
// passes the stop on as SIGTERM: taken here too, it would be a second signal and cut requests.
process.on('SIGINT', () => undefined);

if (await serve({ stopSignals: ['SIGTERM'], instance: String(process.pid) })) {
  process.send?.(INSTANCE_READY);
}
