import { CONNECTIONS, summarizeLoad, type Scenario } from '../harness.js';
import { checkoutLoad } from '../load.js';
import { RUSH_CONCERT } from '../prepare.js';
import { startBaseline } from '../processes.js';

/** Bare node:http doing the same hold transaction: what the product's figures are measured against. */
export const baseline: Scenario = {
  name: 'baseline',
  async run(context) {
    const server = await context.serve(startBaseline, await context.copy());
    const results = await context.repeat(
      'baseline: bare node:http, same hold transaction',
      (seconds) => checkoutLoad(server.url, RUSH_CONCERT, CONNECTIONS, seconds),
    );
    await server.stop();
    const measured = summarizeLoad(results);
    return {
      rows: [{ scenario: '1 baseline', metric: 'holds/s', value: measured.rps, unit: '/s' }],
      raw: results,
      reference: { name: 'baseline', rps: measured.rps },
    };
  },
};
