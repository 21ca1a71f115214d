import { CONNECTIONS, summarizeLoad, throughputRow, type Scenario } from '../harness.js';
import { spreadCheckoutLoad } from '../load.js';
import { ONE_ROW_CONCERT, SPREAD_CONCERT, SPREAD_CONCERTS } from '../prepare.js';

/**
 * What one hot row costs: the checkout load all on one tier, then spread over the tiers of many
 * concerts. A checkout locks its concert's row and tiers, so spreading it over the tiers of one
 * concert would still meet on that concert's row: each tier here is a concert's only one.
 */
export const hotRow: Scenario = {
  name: 'hot-row',
  async run(context) {
    const product = await context.product();
    const oneRuns = await context.repeat('hot row: all on one tier', (seconds) =>
      spreadCheckoutLoad(product.url, [ONE_ROW_CONCERT], CONNECTIONS, seconds),
    );
    const concerts = Array.from({ length: SPREAD_CONCERTS }, (_, i) => `${SPREAD_CONCERT}-${i}`);
    const spreadRuns = await context.repeat(
      `hot row: spread over ${SPREAD_CONCERTS} concerts' tiers`,
      (seconds) => spreadCheckoutLoad(product.url, concerts, CONNECTIONS, seconds),
    );
    const one = summarizeLoad(oneRuns);
    const spread = summarizeLoad(spreadRuns);
    return {
      rows: [
        throughputRow('4 hot row', 'all on one tier, holds/s', one, context.reference('checkout')),
        throughputRow('4 hot row', `over ${SPREAD_CONCERTS} concerts' tiers, holds/s`, spread, {
          name: 'one tier',
          rps: one.rps,
        }),
      ],
      raw: { one: oneRuns, spread: spreadRuns },
    };
  },
};
