import { CONNECTIONS, summarizeLoad, throughputRow, type Scenario } from '../harness.js';
import { checkoutLoad } from '../load.js';
import { RUSH_CONCERT } from '../prepare.js';

/** New shoppers taking one ticket each, as fast as the connections go: the product's reference. */
export const checkout: Scenario = {
  name: 'checkout',
  async run(context) {
    const product = await context.product();
    const results = await context.repeat('checkout throughput', (seconds) =>
      checkoutLoad(product.url, RUSH_CONCERT, CONNECTIONS, seconds),
    );
    const measured = summarizeLoad(results);
    return {
      rows: [
        throughputRow('2 checkout', 'holds/s', measured, context.reference('baseline'), 0.5),
        {
          scenario: '2 checkout',
          metric: 'p99 latency',
          value: measured.p99,
          unit: 'ms',
          floor: '≤ 50 ms',
          pass: measured.p99 <= 50,
        },
      ],
      raw: results,
      reference: { name: 'checkout', rps: measured.rps },
    };
  },
};
