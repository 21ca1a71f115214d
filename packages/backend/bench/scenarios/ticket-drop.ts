import { median, progress, progressDone, type Row, type Scenario } from '../harness.js';
import { DROP_CONCERT } from '../prepare.js';
import { ticketDrop, TICKETS } from '../ticket-drop.js';

/**
 * A sale opening to a crowd: 1,000 tickets, each run on a concert of its own. Exact when every
 * ticket is sold once, no request is answered 5xx or left unanswered, and the tables agree: the
 * tier's sold count is the tickets in confirmed bookings, and its held count the tickets in holds.
 */
export function ticketDropScenario(label: string): Scenario {
  return {
    name: 'ticket-drop',
    async run(context) {
      const product = await context.product();
      const { runs } = context.settings;
      const drops = [];
      for (let i = 1; i <= runs; i += 1) {
        progress(`ticket drop, run ${i} of ${runs}`);
        const concertId = `${DROP_CONCERT}-${i}`;
        const drop = await ticketDrop(product.url, concertId);
        drops.push({ ...drop, stored: await context.storedTier(concertId, 'ga') });
      }
      progressDone();
      const rows: Row[] = [];
      const first = drops[0];
      if (first) {
        const sellOut = median(drops.map((d) => d.sellOutMs));
        rows.push({
          scenario: label,
          metric: `time to sell out ${TICKETS.toLocaleString('en-US')}`,
          value: sellOut,
          unit: 'ms',
          floor: '1,000 sold, 0 oversold, 0 5xx; stored = booked',
          pass: drops.every(
            ({ stored, ...d }) =>
              d.sold === TICKETS &&
              d.oversold === 0 &&
              d.serverErrors === 0 &&
              d.networkErrors === 0 &&
              stored.sold === d.booked &&
              stored.inBookings === stored.sold &&
              stored.heldCounter === stored.inHoldRows &&
              stored.sold + stored.heldCounter <= stored.total,
          ),
        });
        rows.push({
          scenario: label,
          metric: 'sold / oversold / 5xx',
          value: first.sold,
          unit: `/ ${drops.map((d) => d.oversold).join(',')} / ${drops.map((d) => d.serverErrors).join(',')}`,
        });
      }
      return { rows, raw: drops };
    },
  };
}
