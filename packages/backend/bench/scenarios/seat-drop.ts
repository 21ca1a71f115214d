import { median, progress, progressDone, type Row, type Scenario } from '../harness.js';
import { SEAT_DROP_CONCERT, SEATED_CONCERT, SEATED_SIZES } from '../prepare.js';
import { DROP_SEATS, seatDrop, seatStreamSizes } from '../seat-drop.js';

/** Shoppers taking the best seats together while the stream's seat events are measured. */
const WATCHED_SHOPPERS = 400;

/**
 * A seated sale opening to a crowd: 5,000 shoppers within a second, each for 1–4 seats side by
 * side out of 1,000, many the same; those that get them pay at once. Exact when no seat is held
 * or bought twice, no request is answered 5xx or left unanswered, each booking has the seats its
 * hold had, and the tables agree: the seats sold are the seats in confirmed bookings. Then the
 * size of the stream's seat events, on connect and during a rush, at 2,000 and 20,000 seats.
 */
export function seatDropScenario(label: string): Scenario {
  return {
    name: 'seat-drop',
    async run(context) {
      const product = await context.product();
      const { runs } = context.settings;
      const drops = [];
      for (let i = 1; i <= runs; i += 1) {
        progress(`seat drop, run ${i} of ${runs}`);
        const concertId = `${SEAT_DROP_CONCERT}-${i}`;
        const drop = await seatDrop(product.url, concertId);
        drops.push({ ...drop, stored: await context.storedTier(concertId, 'seats') });
      }
      const sizes = [];
      for (const seats of SEATED_SIZES) {
        progress(`seat events at ${seats.toLocaleString('en-US')} seats`);
        const measured = await seatStreamSizes(
          product.url,
          `${SEATED_CONCERT}-${seats}`,
          WATCHED_SHOPPERS,
        );
        sizes.push({ seats, ...measured });
      }
      progressDone();
      const rows: Row[] = [];
      const first = drops[0];
      if (first) {
        rows.push({
          scenario: label,
          metric: `5,000 shoppers for seats of ${DROP_SEATS.toLocaleString('en-US')}, all answered`,
          value: median(drops.map((d) => d.durationMs)),
          unit: 'ms',
          floor: 'no seat twice, 0 5xx; bought = held; stored = booked',
          pass: drops.every(
            ({ stored, ...d }) =>
              d.twice === 0 &&
              d.mismatched === 0 &&
              d.serverErrors === 0 &&
              d.networkErrors === 0 &&
              d.held + d.refused === d.shoppers &&
              stored.sold === d.booked &&
              stored.inBookings === stored.sold &&
              stored.heldCounter === stored.inHoldRows,
          ),
        });
        rows.push({
          scenario: label,
          metric: 'seats sold / twice / 5xx',
          value: first.booked,
          unit: `/ ${drops.map((d) => d.twice).join(',')} / ${drops.map((d) => d.serverErrors).join(',')}`,
        });
      }
      for (const size of sizes) {
        const seats = size.seats.toLocaleString('en-US');
        rows.push({
          scenario: label,
          metric: `seats on connect, ${seats} seats`,
          value: size.snapshotBytes / 1024,
          unit: 'KB',
        });
        rows.push({
          scenario: label,
          metric: `seat changes per event, ${seats} seats (${size.deltaBytes.length} events)`,
          value: median(size.deltaBytes),
          unit: `B median, ${Math.max(0, ...size.deltaBytes)} B max, ${median(size.deltaSeats)} seats`,
        });
      }
      return { rows, raw: { drops, sizes } };
    },
  };
}
