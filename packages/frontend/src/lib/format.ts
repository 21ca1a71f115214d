import { formatInTimeZone, type Concert } from '@ticket-booking/shared';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Integer cents as money, e.g. `$249.00`. */
export function formatMoney(cents: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format.format(cents / 100);
}

/**
 * A time of a concert, told at its venue with the zone named, whatever zone the browser is in:
 * `Tue, Dec 15, 2026, 7:30 PM CET`.
 */
export function formatVenueTime(iso: string, timeZone: string): string {
  return formatInTimeZone(iso, timeZone);
}

/** A time of day at the venue, with the zone named, e.g. `7:42 PM EST`. */
export function formatVenueTimeOfDay(iso: string, timeZone: string): string {
  return formatInTimeZone(iso, timeZone, undefined, 'time');
}

/** A concert's start at its venue, e.g. `Tue, Dec 15, 2026, 7:30 PM CET`. */
export function formatConcertDate(concert: Pick<Concert, 'startsAt' | 'timeZone'>): string {
  return formatVenueTime(concert.startsAt, concert.timeZone);
}

const plurals = new Intl.PluralRules('en');

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** A count with its noun in the right number: `1 live hold`, `2 live holds`, `1,200 tickets`. */
export function formatCount(count: number, one: string, other: string): string {
  return `${count.toLocaleString()} ${plurals.select(count) === 'one' ? one : other}`;
}

/** A countdown, e.g. `9:05`. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** A time of day on this browser's clock, e.g. `8:45 PM`. */
export function formatTime(ms: number): string {
  return timeFormat.format(new Date(ms));
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
});

/** A moment on this browser's clock, to the second, e.g. `Jan 15, 8:45:03 PM`. */
export function formatDateTime(ms: number): string {
  return dateTimeFormat.format(new Date(ms));
}
