import path from 'node:path';
import {
  CONNECTIONS,
  progress,
  progressDone,
  summarizeLoad,
  throughputRow,
  type Scenario,
} from '../harness.js';
import { checkoutLoad } from '../load.js';
import { prepareDatabase, RUSH_CONCERT } from '../prepare.js';
import { startProduct } from '../processes.js';

/** The PostgreSQL checkout should reach this share of SQLite's on one instance. */
const SQLITE_AIM = 0.6;

/**
 * The same checkout load on the product over SQLite, in the same run, for PostgreSQL's figure
 * to be given against it: an aim, not a floor, as one instance on a local file has no network
 * round trip to pay.
 */
export const sqliteCheckout: Scenario = {
  name: 'sqlite-checkout',
  async run(context) {
    progress('preparing a SQLite database');
    const file = path.join(context.tempDir, 'sqlite.db');
    await prepareDatabase(file, 0);
    progressDone();
    const server = await context.serve(startProduct, { DATABASE_PATH: file });
    const results = await context.repeat('checkout throughput on SQLite', (seconds) =>
      checkoutLoad(server.url, RUSH_CONCERT, CONNECTIONS, seconds),
    );
    await server.stop();
    const measured = summarizeLoad(results);
    const sqlite = { name: 'SQLite checkout', rps: measured.rps };
    const postgres = context.reference('checkout');
    return {
      rows: [
        {
          scenario: 'reference',
          metric: 'SQLite checkout, holds/s',
          value: sqlite.rps,
          unit: '/s',
        },
        {
          ...throughputRow(
            '2 checkout',
            'holds/s against SQLite',
            { rps: postgres.rps, failures: 0 },
            sqlite,
            SQLITE_AIM,
          ),
          aim: true,
        },
      ],
      raw: results,
    };
  },
};
