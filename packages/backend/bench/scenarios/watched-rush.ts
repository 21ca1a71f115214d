import {
  CONNECTIONS,
  progress,
  progressDone,
  summarizeLoad,
  throughputRow,
  type Scenario,
} from '../harness.js';
import { checkoutLoad } from '../load.js';
import { WATCHED_CONCERT } from '../prepare.js';
import { lastEventsMatch, startWatchers } from '../watcher-client.js';

/** Checkouts on a concert that thousands of people watch live. */
export const watchedRush: Scenario = {
  name: 'watched-rush',
  async run(context) {
    const product = await context.product();
    const count = context.settings.quick ? 2_000 : 10_000;
    const watchers = startWatchers();
    progress(`connecting ${count.toLocaleString()} watchers`);
    await watchers.connect(product.url, WATCHED_CONCERT, count);
    const results = await context.repeat(
      `checkouts with ${count.toLocaleString()} watchers`,
      (seconds) => checkoutLoad(product.url, WATCHED_CONCERT, CONNECTIONS, seconds),
    );
    progress('waiting for the last events');
    const stored = await fetch(`${product.url}/api/concerts/${WATCHED_CONCERT}`).then(
      (r) => r.json() as Promise<{ concert: { tiers: { held: number; sold: number }[] } }>,
    );
    let state = await watchers.state();
    for (let i = 0; i < 50 && !lastEventsMatch(state, stored.concert.tiers); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = await watchers.state();
    }
    progressDone();
    watchers.close();
    const consistent = lastEventsMatch(state, stored.concert.tiers);
    return {
      rows: [
        {
          ...throughputRow(
            '4 watched rush',
            `holds/s, ${count.toLocaleString()} watchers`,
            summarizeLoad(results),
            context.reference('checkout'),
            0.7,
            consistent,
          ),
          floor: '≥ 0.7 × checkout; last events = stored',
        },
      ],
      raw: results,
    };
  },
};
