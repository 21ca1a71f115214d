import { CONNECTIONS, summarizeLoad, throughputRow, type Scenario } from '../harness.js';
import { bookingLoad } from '../load.js';
import { RUSH_CONCERT } from '../prepare.js';

/** Each shopper holds, then books: the whole purchase. */
export const booking: Scenario = {
  name: 'booking',
  async run(context) {
    const product = await context.product();
    const results = await context.repeat('booking: hold → book pairs', (seconds) =>
      bookingLoad(product.url, RUSH_CONCERT, CONNECTIONS, seconds),
    );
    return {
      rows: [
        throughputRow(
          '8 booking',
          'hold → book pairs/s',
          summarizeLoad(results),
          context.reference('baseline'),
        ),
      ],
      raw: results,
    };
  },
};
