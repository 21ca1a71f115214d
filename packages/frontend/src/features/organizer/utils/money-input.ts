import { MAX_CAPACITY, MAX_PRICE_CENTS } from '@ticket-booking/shared';
import { formatCount } from '../../../lib/format';

/** What a field's text reads as: its value, or why it is not one, in the organizer's words. */
export type Parsed = { ok: true; value: number } | { ok: false; message: string };

/** Digits, with or without commas between thousands: `1000`, `1,000`, `12,500,000`. */
const WHOLE = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)`;
const AMOUNT = new RegExp(String.raw`^(${WHOLE})(?:\.(\d{1,2}))?$`);
const COUNT = new RegExp(String.raw`^${WHOLE}$`);

const amountFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 });

/**
 * A price as people type it, in the currency's units: `25`, `1000.50`, `1,000.50`, `$25` —
 * as whole cents.
 */
export function parsePrice(text: string): Parsed {
  const plain = text.trim().replace(/^[$€£]\s*/, '');
  if (plain === '') return { ok: false, message: 'Enter a price, such as 25 or 1,000.50' };
  if (plain.startsWith('-')) return { ok: false, message: 'A price cannot be negative' };
  const match = AMOUNT.exec(plain);
  if (!match?.[1]) {
    return { ok: false, message: 'Enter a price in numbers, such as 25 or 1,000.50' };
  }
  const cents =
    Number(match[1].replaceAll(',', '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (cents > MAX_PRICE_CENTS) {
    return {
      ok: false,
      message: `A price can be at most ${amountFormat.format(MAX_PRICE_CENTS / 100)}`,
    };
  }
  return { ok: true, value: cents };
}

/** A number of tickets, `1000` or `1,000`, from `min` up to the most a tier may have. */
export function parseTicketCount(text: string, min: number): Parsed {
  const plain = text.trim();
  if (!COUNT.test(plain)) {
    return { ok: false, message: 'Enter a whole number of tickets, such as 500' };
  }
  const count = Number(plain.replaceAll(',', ''));
  if (count < min)
    return { ok: false, message: `At least ${formatCount(min, 'ticket', 'tickets')}` };
  if (count > MAX_CAPACITY) {
    return { ok: false, message: `At most ${MAX_CAPACITY.toLocaleString('en-US')} tickets` };
  }
  return { ok: true, value: count };
}

/** Whole cents as the amount to show in a price field, e.g. 4990 → "49.90". */
export function inputFromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}
