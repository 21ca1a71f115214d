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

const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** A concert's start, e.g. `Thu, Dec 3, 2026 · 7:30 PM`. */
export function formatConcertDate(iso: string): string {
  const date = new Date(iso);
  return `${dateFormat.format(date)} · ${timeFormat.format(date)}`;
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
