import {
  CONNECTIONS,
  summarizeLoad,
  throughputRow,
  withServerCpu,
  type Scenario,
} from '../harness.js';
import { checkoutLoad } from '../load.js';
import { RUSH_CONCERT } from '../prepare.js';
import { startPostgresCeiling } from '../processes.js';

/** The checkout load on the ceiling's server with `statements`, on a database copy of its own. */
async function measure(
  context: Parameters<Scenario['run']>[0],
  statements: 'product' | 'lean',
  label: string,
) {
  const server = await context.serve(startPostgresCeiling(statements), await context.copy());
  const load = withServerCpu(server, (seconds) =>
    checkoutLoad(server.url, RUSH_CONCERT, CONNECTIONS, seconds),
  );
  const results = await context.repeat(label, load.run);
  await server.stop();
  return { results, measured: summarizeLoad(results), cpuUs: load.microsPerRequest() };
}

/**
 * Bare node:http and pg taking the same checkout, a batch of them per transaction, with the
 * product's own statements: what the product's figures on PostgreSQL are measured against. The
 * same with the leanest statements known for the checkout alone is reported beside it, for what
 * the product's statements cost.
 */
export const ceiling: Scenario = {
  name: 'ceiling',
  async run(context) {
    const same = await measure(
      context,
      'product',
      "ceiling: bare node:http and pg, the product's statements",
    );
    // Every figure of the run is a ratio to it: one that answered nothing ends the run.
    if (same.measured.rps === 0) throw new Error('the ceiling answered no checkout: see its log');
    const reference = { name: 'ceiling', rps: same.measured.rps, cpuUs: same.cpuUs };
    const lean = await measure(
      context,
      'lean',
      'ceiling: bare node:http and pg, the leanest statements',
    );
    return {
      rows: [
        { scenario: '1 ceiling', metric: 'holds/s', value: same.measured.rps, unit: '/s' },
        { scenario: '1 ceiling', metric: 'p99 latency', value: same.measured.p99, unit: 'ms' },
        { scenario: '1 ceiling', metric: 'server CPU per hold', value: same.cpuUs, unit: 'µs' },
        {
          ...throughputRow('reference', 'leanest statements, holds/s', lean.measured, reference),
          pass: undefined,
        },
      ],
      raw: { product: same.results, lean: lean.results },
      reference,
    };
  },
};
