import { describe, expect, it } from 'vitest';
import {
  formatInTimeZone,
  fromLocalDateTime,
  TimeZoneSchema,
  timeZoneName,
  toLocalDateTime,
} from './time-zones.js';

const at = (iso: string) => Date.parse(iso);

describe('TimeZoneSchema', () => {
  it.each(['Europe/Paris', 'America/Los_Angeles', 'America/Argentina/Buenos_Aires', 'UTC'])(
    'accepts %s as it is',
    (zone) => {
      expect(TimeZoneSchema.parse(zone)).toBe(zone);
    },
  );

  it('answers a zone in its own spelling', () => {
    expect(TimeZoneSchema.parse(' europe/paris ')).toBe('Europe/Paris');
  });

  it('keeps an alias as it was sent, not the name the runtime prefers', () => {
    expect(TimeZoneSchema.parse('Asia/Kolkata')).toBe('Asia/Kolkata');
  });

  it.each(['Mars/Olympus_Mons', '+01:00', 'CET+1', 'Paris', ''])(
    'refuses %j in plain words',
    (zone) => {
      const result = TimeZoneSchema.safeParse(zone);

      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(
        /time zone.*(Europe\/Paris|venue)|Choose the time zone/,
      );
    },
  );
});

describe('fromLocalDateTime', () => {
  it('reads a wall clock time in the zone, in winter and in summer', () => {
    expect(fromLocalDateTime('2026-12-15T19:30', 'Europe/Paris')).toEqual({
      ok: true,
      instant: at('2026-12-15T18:30:00Z'),
    });
    expect(fromLocalDateTime('2026-07-15T19:30', 'Europe/Paris')).toEqual({
      ok: true,
      instant: at('2026-07-15T17:30:00Z'),
    });
    expect(fromLocalDateTime('2026-12-15T19:30', 'America/Los_Angeles')).toEqual({
      ok: true,
      instant: at('2026-12-16T03:30:00Z'),
    });
  });

  it('reads the hours either side of a change of clocks with the offset of each side', () => {
    // Paris goes from +1 to +2 at 02:00 on 29 March 2026.
    expect(fromLocalDateTime('2026-03-29T01:59', 'Europe/Paris')).toEqual({
      ok: true,
      instant: at('2026-03-29T00:59:00Z'),
    });
    expect(fromLocalDateTime('2026-03-29T03:00', 'Europe/Paris')).toEqual({
      ok: true,
      instant: at('2026-03-29T01:00:00Z'),
    });
    // Sydney goes from +11 to +10 at 03:00 on 5 April 2026.
    expect(fromLocalDateTime('2026-04-05T19:30', 'Australia/Sydney')).toEqual({
      ok: true,
      instant: at('2026-04-05T09:30:00Z'),
    });
  });

  it('refuses a time the clocks skip as they go forward', () => {
    expect(fromLocalDateTime('2026-03-29T02:30', 'Europe/Paris')).toEqual({
      ok: false,
      reason: 'skipped',
    });
    expect(fromLocalDateTime('2026-03-08T02:15', 'America/New_York')).toEqual({
      ok: false,
      reason: 'skipped',
    });
  });

  it('takes the first of a time the clocks show twice as they go back', () => {
    // Los Angeles shows 01:30 twice on 1 November 2026: at -7, then at -8.
    expect(fromLocalDateTime('2026-11-01T01:30', 'America/Los_Angeles')).toEqual({
      ok: true,
      instant: at('2026-11-01T08:30:00Z'),
    });
  });

  it.each(['', '2026-02-30T19:30', '2026-13-01T19:30', '2026-12-15T24:00', '2026-12-15'])(
    'refuses %j as no date and time',
    (local) => {
      expect(fromLocalDateTime(local, 'Europe/Paris')).toEqual({ ok: false, reason: 'invalid' });
    },
  );

  it('is the inverse of toLocalDateTime', () => {
    const instant = at('2027-06-01T18:00:00Z');
    const local = toLocalDateTime(instant, 'Asia/Kolkata');

    expect(local).toBe('2027-06-01T23:30');
    expect(fromLocalDateTime(local, 'Asia/Kolkata')).toEqual({ ok: true, instant });
  });
});

describe('formatInTimeZone', () => {
  const start = at('2026-12-15T18:30:00Z');

  it('tells the time at the venue with its zone named, whatever zone the reader is in', () => {
    expect(formatInTimeZone(start, 'Europe/Paris', 'en-GB')).toBe('Tue, 15 Dec 2026, 19:30 CET');
    expect(formatInTimeZone(start, 'America/Los_Angeles', 'en-GB')).toBe(
      'Tue, 15 Dec 2026, 10:30 PST',
    );
  });

  it('follows the reader’s locale for the order of the parts', () => {
    expect(formatInTimeZone(start, 'Europe/Paris', 'en-US')).toBe(
      'Tue, Dec 15, 2026, 7:30\u202fPM CET',
    );
  });

  it('names summer time as such', () => {
    expect(formatInTimeZone(at('2026-07-15T17:30:00Z'), 'Europe/Paris', 'en-GB')).toBe(
      'Wed, 15 Jul 2026, 19:30 CEST',
    );
  });

  it('falls back to the offset for a zone without a common abbreviation', () => {
    expect(timeZoneName(start, 'Asia/Tokyo', 'en-GB')).toBe('GMT+9');
  });
});
