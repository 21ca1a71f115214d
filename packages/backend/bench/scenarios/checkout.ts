import {
  CONNECTIONS,
  summarizeLoad,
  throughputRow,
  withServerCpu,
  type Row,
  type Scenario,
} from '../harness.js';
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
      const load = withServerCpu(product, (seconds) =>
        checkoutLoad(product.url, RUSH_CONCERT, CONNECTIONS, seconds),
      );
      const results = await context.repeat('checkout throughput', load.run);
      const measured = summarizeLoad(results);
      const against = context.reference(reference);
      const cpu: Row = {
        scenario: '2 checkout',
        metric: 'server CPU per hold',
        value: load.microsPerRequest(),
        unit: 'µs',
      };
      if (against.cpuUs !== undefined) {
        cpu.ratio = { to: against.name, value: cpu.value / against.cpuUs };
      }
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
        rows: [throughputRow('2 checkout', 'holds/s', measured, against, 0.5), latency, cpu],
        raw: results,
        reference: { name: 'checkout', rps: measured.rps },
      };
    },
  };
}
