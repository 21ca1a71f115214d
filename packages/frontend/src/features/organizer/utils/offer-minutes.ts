import { MAX_OFFER_MINUTES } from '@ticket-booking/shared';
import type { Parsed } from './money-input';

const MESSAGE = `Enter a whole number of minutes, from 1 to ${MAX_OFFER_MINUTES.toLocaleString('en-US')} (a day)`;

/** How long a waiting list's offer holds its tickets, as typed: `30`, `1,440`. */
export function parseOfferMinutes(text: string): Parsed {
  const plain = text.trim().replaceAll(',', '');
  const minutes = /^\d+$/.test(plain) ? Number(plain) : Number.NaN;
  if (minutes >= 1 && minutes <= MAX_OFFER_MINUTES) return { ok: true, value: minutes };
  return { ok: false, message: MESSAGE };
}
