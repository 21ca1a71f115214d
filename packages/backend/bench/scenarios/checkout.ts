import { CONNECTIONS, summarizeLoad, throughputRow, type Row, type Scenario } from '../harness.js';
import { checkoutLoad } from '../load.js';
import { RUSH_CONCERT } from '../prepare.js';

/**
 * New shoppers taking one ticket each, as fast as the connections go: the product's reference.
 * It passes at half the throughput of `reference` at least (and with a p99 of at most
 * `p99FloorMs` when given).
 */
export function checkoutScenario(reference: string, p99FloorMs?: number): Scenario {
  return {
    name: 'checkout',
    async run(context) {
      const product = await context.product();
      const results = await context.repeat('checkout throughput', (seconds) =>
        checkoutLoad(product.url, RUSH_CONCERT, CONNECTIONS, seconds),
      );
      const measured = summarizeLoad(results);
      const latency: Row = {
        scenario: '2 checkout',
        metric: 'p99 latency',
        value: measured.p99,
        unit: 'ms',
      };
      if (p99FloorMs !== undefined) {
        latency.floor = `≤ ${p99FloorMs} ms`;
        latency.pass = measured.p99 <= p99FloorMs;
      }
      return {
        rows: [
          throughputRow('2 checkout', 'holds/s', measured, context.reference(reference), 0.5),
          latency,
        ],
        raw: results,
        reference: { name: 'checkout', rps: measured.rps },
      };
    },
  };
}
