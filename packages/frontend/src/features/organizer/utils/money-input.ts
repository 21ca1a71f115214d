/**
 * A price typed in the currency's units ("49.90") as whole cents, or NaN for anything that is
 * not a plain amount, so the shared schema names the field.
 */
export function centsFromInput(value: unknown): number {
  if (typeof value === 'number') return value;
  const text = String(value).trim();
  if (!/^\d+(?:\.\d{1,2})?$/.test(text)) return Number.NaN;
  return Math.round(Number(text) * 100);
}

/** Whole cents as the amount to show in a price field, e.g. 4990 → "49.90". */
export function inputFromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** A whole number typed into a field, or NaN, so the shared schema names the field. */
export function wholeNumberFromInput(value: unknown): number {
  if (typeof value === 'number') return value;
  const text = String(value).trim();
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** A `datetime-local` value (the browser's time zone) as an ISO instant, or '' if incomplete. */
export function isoFromLocalInput(value: unknown): string {
  const date = new Date(String(value));
  return String(value) !== '' && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}
