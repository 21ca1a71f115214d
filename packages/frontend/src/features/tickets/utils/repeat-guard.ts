/** How long a code the camera keeps seeing is taken for the same scan. */
export const REPEAT_WINDOW_MS = 3_000;

/**
 * Tells a fresh scan from the same QR code seen again: a camera reads a code held up to it many
 * times a second, and each reading must not become a check-in (the second would say "already
 * checked in" to the person just let in). The window slides: a code held in view stays one scan.
 */
export function createRepeatGuard(windowMs = REPEAT_WINDOW_MS, now: () => number = Date.now) {
  let last: { code: string; at: number } | null = null;
  return function isRepeat(code: string): boolean {
    const at = now();
    const repeat = last?.code === code && at - last.at < windowMs;
    last = { code, at };
    return repeat;
  };
}
