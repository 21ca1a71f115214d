/**
 * The waiting room's pass of each concert, kept for this tab's checkouts: a reload keeps it, and
 * another tab asks the server for its own (the session's place is the same).
 */
const KEY = 'waiting-room-pass:';

export function rememberPass(concertId: string, pass: string): void {
  try {
    sessionStorage.setItem(KEY + concertId, pass);
  } catch {
    // Storage refused (private mode, full): the checkout then goes without, and is told why.
  }
}

export function passFor(concertId: string): string | undefined {
  try {
    return sessionStorage.getItem(KEY + concertId) ?? undefined;
  } catch {
    return undefined;
  }
}
