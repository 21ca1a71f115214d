import { CONNECTIONS, median, progress, progressDone, type Scenario } from '../harness.js';
import { buyTickets, doorLoad } from '../door.js';
import { DOOR_CONCERT } from '../prepare.js';
import { startProduct } from '../processes.js';

const DOOR_TOKEN = 'bench-door-token-0123456789-abcdefghij';
const ADMIN_TOKEN = 'bench-admin-token-0123456789-abcdefghij';
/** One ticket in ten is shown twice: its second scan must be refused. */
const REPEAT_EVERY = 10;

/**
 * The doors opening: tickets bought beforehand are scanned by 100 doors at once, each once and
 * one in ten twice. Exact when every ticket is let in once, every second scan is refused, no
 * scan is answered 5xx, and the organizer's count of those let in agrees.
 */
export function doorScenario(label: string, reference: string): Scenario {
  return {
    name: 'door',
    async run(context) {
      const product = await context.serve((env) =>
        startProduct({ ...env, DOOR_TOKEN, ADMIN_TOKEN }),
      );
      const tickets = context.settings.quick ? 5_000 : 20_000;
      const runs = context.settings.runs;
      const results = [];
      for (let i = 1; i <= runs; i += 1) {
        progress(`door: buying ${tickets.toLocaleString('en-US')} tickets, run ${i} of ${runs}`);
        const concertId = `${DOOR_CONCERT}-${i}`;
        const codes = await buyTickets(product.url, concertId, tickets);
        progress(`door: scanning them, run ${i} of ${runs}`);
        const scanned = await doorLoad(product.url, DOOR_TOKEN, codes, CONNECTIONS, REPEAT_EVERY);
        const sales = (await (
          await fetch(`${product.url}/api/admin/concerts/${concertId}/sales`, {
            headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
          })
        ).json()) as { sales: { tiers: { checkedIn: number }[] } };
        const counted = sales.sales.tiers.reduce((sum, tier) => sum + tier.checkedIn, 0);
        results.push({ ...scanned, tickets: codes.length, counted });
      }
      progressDone();
      const exact = results.every(
        (r) =>
          r.letIn === r.tickets &&
          r.refused === Math.ceil(r.tickets / REPEAT_EVERY) &&
          r.serverErrors === 0 &&
          r.errors === 0 &&
          r.counted === r.tickets,
      );
      const against = context.reference(reference);
      const rate = median(results.map((r) => r.rps));
      return {
        rows: [
          {
            scenario: label,
            metric: 'check-ins at 100 doors',
            value: rate,
            unit: '/s',
            ratio: { to: against.name, value: rate / against.rps },
            floor: 'each let in once, repeats refused, 0 5xx; counted = let in',
            pass: exact,
          },
          {
            scenario: label,
            metric: 'let in / refused / 5xx',
            value: results[0]?.letIn ?? 0,
            unit: `/ ${results.map((r) => r.refused).join(',')} / ${results.map((r) => r.serverErrors).join(',')}`,
          },
          {
            scenario: label,
            metric: 'check-in p99 latency',
            value: median(results.map((r) => r.p99Ms)),
            unit: 'ms',
          },
        ],
        raw: results,
      };
    },
  };
}
