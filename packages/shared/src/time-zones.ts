import { z } from 'zod';

/**
 * A concert happens at its venue, so its times are told in the venue's IANA time zone, whoever
 * reads them and wherever. These helpers convert between instants and a zone's wall clock with
 * the runtime's `Intl` (its time zone database), the same in Node and in the browser.
 */

/** IANA names are words joined by slashes (`America/Argentina/Buenos_Aires`, `UTC`). */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

const formats = new Map<string, Intl.DateTimeFormat>();
const canonicalNames = new Map<string, string | undefined>();

function formatFor(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/**
 * The zone's spelling as the time zone database has it (`europe/paris` → `Europe/Paris`), or
 * undefined when it is not a zone. An alias keeps its own name (`Asia/Kolkata`), not the one the
 * runtime would put in its place.
 */
export function canonicalTimeZone(name: string): string | undefined {
  // Offsets (`+01:00`), which newer runtimes take as zones, are not places.
  if (!IANA_NAME.test(name)) return undefined;
  // A form checks its zone on every keystroke; making a DateTimeFormat each time is slow.
  if (canonicalNames.has(name)) return canonicalNames.get(name);
  let canonical: string | undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
      .timeZone;
    canonical = resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    canonical = undefined;
  }
  canonicalNames.set(name, canonical);
  return canonical;
}

export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

/** A venue's IANA time zone, e.g. `Europe/Paris`; answered in the database's own spelling. */
export const TimeZoneSchema = z
  .string({ error: 'Choose the time zone of the venue' })
  .trim()
  .min(1, { error: 'Choose the time zone of the venue' })
  .max(64, { error: 'Not a time zone: use a name such as Europe/Paris or America/New_York' })
  .transform((name, ctx) => {
    const canonical = canonicalTimeZone(name);
    if (canonical === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: name,
        message: `"${name}" is not a time zone we know: use a name such as Europe/Paris or America/New_York`,
      });
      return z.NEVER;
    }
    return canonical;
  });

/** Every zone the runtime knows, `UTC` included (some runtimes list it under `Etc/`). */
export function knownTimeZones(): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  return [...zones].sort();
}

export interface WallClock {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  return formatFor(
    `wall:${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  );
}

/** What the zone's clocks show at `instant` (epoch milliseconds). */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function wallClockAsUtc(clock: WallClock): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  date.setUTCHours(clock.hour, clock.minute, clock.second, 0);
  return date.getTime();
}

/** How far the zone's clocks are ahead of UTC at `instant`, in milliseconds. */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockAsUtc(wallClockAt(whole, timeZone)) - whole;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `instant` as the zone's wall clock in the form of a `datetime-local` field: `2026-12-15T19:30`. */
export function toLocalDateTime(instant: number, timeZone: string): string {
  const clock = wallClockAt(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(clock.year).padStart(4, '0')}-${two(clock.month)}-${two(clock.day)}T${two(clock.hour)}:${two(clock.minute)}`;
}

export type LocalDateTimeResult =
  | { ok: true; instant: number }
  /** `invalid`: not a date and time; `skipped`: the clocks jump over it (spring forward). */
  | { ok: false; reason: 'invalid' | 'skipped' };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant at which the zone's clocks show `local` (`2026-12-15T19:30`). A time the clocks
 * show twice, as they go back, is the first of the two, as people read it; a time they skip, as
 * they go forward, does not exist and is refused.
 */
export function fromLocalDateTime(local: string, timeZone: string): LocalDateTimeResult {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return { ok: false, reason: 'invalid' };
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    // The seconds are optional: an unmatched group is undefined, whatever its type says.
    .map((n) => Number((n as string | undefined) ?? 0));
  const asUtc = wallClockAsUtc({ year, month, day, hour, minute, second });
  // Only a real day of a real month: Date would roll 30 February over into March.
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'invalid' };
  }
  if (new Date(asUtc).getUTCDate() !== day) return { ok: false, reason: 'invalid' };
  // No zone changes its offset twice within two days: the offsets a day either side are the
  // only ones the wall time can have.
  const candidates = [
    asUtc - offsetAt(asUtc - DAY_MS, timeZone),
    asUtc - offsetAt(asUtc + DAY_MS, timeZone),
  ].filter((instant) => wallClockAsUtc(wallClockAt(instant, timeZone)) === asUtc);
  if (candidates.length === 0) return { ok: false, reason: 'skipped' };
  return { ok: true, instant: Math.min(...candidates) };
}

/** Offsets such as `GMT+1` or `UTC−8`: a place has a better name where a locale knows one. */
const OFFSET_NAME = /^(?:GMT|UTC)[+\-\u2212]\d/;

/** Locales with the most abbreviations for English readers (`PST` in one, `CET` in the other). */
const NAMING_LOCALES = ['en-US', 'en-GB'];

function zoneNameIn(locale: string | undefined, instant: number, timeZone: string): string {
  const format = formatFor(
    `name:${locale ?? ''}:${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }),
  );
  return format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/**
 * The zone's short name at `instant`: the reader's locale's (`MEZ` in German), else a common
 * English one (`CET`, `PST`), else its offset (`GMT+9`).
 */
export function timeZoneName(instant: number, timeZone: string, locale?: string): string {
  const own = zoneNameIn(locale, instant, timeZone);
  if (!OFFSET_NAME.test(own)) return own;
  for (const naming of NAMING_LOCALES) {
    const name = zoneNameIn(naming, instant, timeZone);
    if (name && !OFFSET_NAME.test(name)) return name;
  }
  return own;
}

/**
 * A concert time for people: the venue's date and time with its zone named, in the reader's
 * locale, e.g. `Tue, 15 Dec 2026, 19:30 CET` (en-GB) or `Tue, Dec 15, 2026, 7:30 PM CET` (en-US).
 */
export function formatInTimeZone(
  instant: number | string,
  timeZone: string,
  locale?: string,
  fields: 'date-time' | 'time' = 'date-time',
): string {
  const at = typeof instant === 'string' ? Date.parse(instant) : instant;
  const format = formatFor(`${fields}:${locale ?? ''}:${timeZone}`, () => {
    const time = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;
    return new Intl.DateTimeFormat(locale, {
      timeZone,
      ...(fields === 'date-time'
        ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
        : {}),
      ...time,
    });
  });
  return format
    .formatToParts(at)
    .map((part) => (part.type === 'timeZoneName' ? timeZoneName(at, timeZone, locale) : part.value))
    .join('');
}

/** The language the API's own sentences are written in, and so the dates in them. */
export const API_LOCALE = 'en-GB';
