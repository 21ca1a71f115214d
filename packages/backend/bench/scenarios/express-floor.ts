import { CONNECTIONS, summarizeLoad, throughputRow, type Scenario } from '../harness.js';
import { checkoutLoad } from '../load.js';
import { RUSH_CONCERT } from '../prepare.js';
import { startExpressFloor } from '../processes.js';

/** The least Express app over the same hold transaction: what the framework alone costs. */
export const expressFloor: Scenario = {
  name: 'express-floor',
  async run(context) {
    const server = await context.serve(startExpressFloor, await context.copy());
    const results = await context.repeat(
      'Express alone: one route, same hold transaction',
      (seconds) => checkoutLoad(server.url, RUSH_CONCERT, CONNECTIONS, seconds),
    );
    await server.stop();
    return {
      rows: [
        // A reference, like the baseline: no floor of its own.
        {
          ...throughputRow(
            'reference',
            'Express alone, holds/s',
            summarizeLoad(results),
            context.reference('baseline'),
          ),
          pass: undefined,
        },
      ],
      raw: results,
    };
  },
};
