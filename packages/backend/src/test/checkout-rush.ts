import type { Fetch } from './pooled-fetch.js';
import { createShopper, type ApiResponse } from './shopper.js';

export interface RushAnswer extends ApiResponse {
  /** The tickets the shopper asked for. */
  quantity: number;
}

/**
 * Every shopper at once, each a new browser asking for `quantities[i]` tickets of `tier`,
 * shopper `i` through server `urls[i % urls.length]`, as a load balancer taking turns would.
 */
export function checkoutRush(
  urls: string[],
  concertId: string,
  tier: string,
  quantities: number[],
  send: Fetch,
): Promise<RushAnswer[]> {
  return Promise.all(
    quantities.map(async (quantity, i) => {
      const shopper = createShopper(urls[i % urls.length] ?? '', send);
      const res = await shopper.checkout(concertId, [{ tier, quantity }]);
      return { ...res, quantity };
    }),
  );
}

/** How many answers had each status, for one readable assertion. */
export function statusCounts(answers: { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
