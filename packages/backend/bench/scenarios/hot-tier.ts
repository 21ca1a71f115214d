import { CONNECTIONS, summarizeLoad, throughputRow, type Scenario } from '../harness.js';
import { checkoutLoad } from '../load.js';
import { HOT_CONCERT, HOT_HOLDS } from '../prepare.js';

/** Checkouts on a tier that already has many live holds: counting them must not slow it down. */
export const hotTier: Scenario = {
  name: 'hot-tier',
  async run(context) {
    const product = await context.product();
    const results = await context.repeat(
      `hot tier (${HOT_HOLDS.toLocaleString()} live holds)`,
      (seconds) => checkoutLoad(product.url, HOT_CONCERT, CONNECTIONS, seconds),
    );
    return {
      rows: [
        throughputRow(
          '3 hot tier',
          'holds/s',
          summarizeLoad(results),
          context.reference('checkout'),
          0.9,
        ),
      ],
      raw: results,
    };
  },
};
