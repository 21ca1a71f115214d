import { median, progress, progressDone, type Row, type Scenario } from '../harness.js';
import { DROP_CONCERT } from '../prepare.js';
import { ticketDrop } from '../ticket-drop.js';

/** A sale opening to a crowd: 1,000 tickets, each run on a concert of its own. */
export const ticketDropScenario: Scenario = {
  name: 'ticket-drop',
  async run(context) {
    const product = await context.product();
    const { runs } = context.settings;
    const drops = [];
    for (let i = 1; i <= runs; i += 1) {
      progress(`ticket drop, run ${i} of ${runs}`);
      drops.push(await ticketDrop(product.url, `${DROP_CONCERT}-${i}`));
    }
    progressDone();
    const rows: Row[] = [];
    const first = drops[0];
    if (first) {
      const sellOut = median(drops.map((d) => d.sellOutMs));
      rows.push({
        scenario: '6 ticket drop',
        metric: 'time to sell out 1,000',
        value: sellOut,
        unit: 'ms',
        floor: '1,000 sold, 0 oversold, 0 5xx',
        pass: drops.every(
          (d) =>
            d.sold === 1000 && d.oversold === 0 && d.serverErrors === 0 && d.networkErrors === 0,
        ),
      });
      rows.push({
        scenario: '6 ticket drop',
        metric: 'sold / oversold / 5xx',
        value: first.sold,
        unit: `/ ${drops.map((d) => d.oversold).join(',')} / ${drops.map((d) => d.serverErrors).join(',')}`,
      });
    }
    return { rows, raw: drops };
  },
};
