/**
 * The server owns time: holds carry the server's clock (`serverTime`) so the browser can count
 * down in the server's terms even when its own clock is minutes off.
 */

/**
 * How far the server's clock is ahead of this browser's (negative when behind), measured when a
 * response carrying `serverTime` arrived. It is off by the response's trip over the network
 * (well under a second), far less than the skew of a badly set clock.
 */
export function clockOffsetMs(serverTime: string, receivedAt: number = Date.now()): number {
  return Date.parse(serverTime) - receivedAt;
}

/** The server's "now", in epoch milliseconds, as estimated from this browser's clock. */
export function serverNow(offsetMs: number, browserNow: number = Date.now()): number {
  return browserNow + offsetMs;
}
