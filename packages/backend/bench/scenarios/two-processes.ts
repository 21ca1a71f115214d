import { CONNECTIONS, summarizeLoad, throughputRow, type Scenario } from '../harness.js';
import { checkoutLoad, combined } from '../load.js';
import { RUSH_CONCERT } from '../prepare.js';
import { startProduct } from '../processes.js';

/** A second product process on the same database file, the connections split between the two. */
export const twoProcesses: Scenario = {
  name: 'two-processes',
  async run(context) {
    const product = await context.product();
    const second = await context.serve(startProduct);
    const results = await context.repeat('two processes, one database', async (seconds) => {
      const parts = await Promise.all([
        checkoutLoad(product.url, RUSH_CONCERT, CONNECTIONS / 2, seconds),
        checkoutLoad(second.url, RUSH_CONCERT, CONNECTIONS / 2, seconds),
      ]);
      return combined(parts);
    });
    await second.stop();
    return {
      rows: [
        throughputRow(
          '7 two processes',
          'holds/s (sum)',
          summarizeLoad(results),
          context.reference('checkout'),
          0.9,
        ),
      ],
      raw: results,
    };
  },
};
