const FIRST_DELAY_MS = 1_000;
export const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * How long to wait before reconnect number `attempt` (0 for the first): 1 s, 2 s, 4 s … capped at
 * 30 s, each shortened by up to half at random so that every page watching a server that
 * restarts does not come back in the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_RECONNECT_DELAY_MS);
  return Math.round(ceiling * (1 - random() / 2));
}
