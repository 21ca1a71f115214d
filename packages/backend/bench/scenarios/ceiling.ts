import { CONNECTIONS, summarizeLoad, type Scenario } from '../harness.js';
import { checkoutLoad } from '../load.js';
import { RUSH_CONCERT } from '../prepare.js';
import { startPostgresCeiling } from '../processes.js';

/**
 * Bare node:http and pg taking the same checkout, a batch of them per transaction: what the
 * product's figures on PostgreSQL are measured against.
 */
export const ceiling: Scenario = {
  name: 'ceiling',
  async run(context) {
    const server = await context.serve(startPostgresCeiling, await context.copy());
    const results = await context.repeat(
      'ceiling: bare node:http and pg, a transaction per batch',
      (seconds) => checkoutLoad(server.url, RUSH_CONCERT, CONNECTIONS, seconds),
    );
    await server.stop();
    const measured = summarizeLoad(results);
    return {
      rows: [
        { scenario: '1 ceiling', metric: 'holds/s', value: measured.rps, unit: '/s' },
        { scenario: '1 ceiling', metric: 'p99 latency', value: measured.p99, unit: 'ms' },
      ],
      raw: results,
      reference: { name: 'ceiling', rps: measured.rps },
    };
  },
};
