import { describe, expect, it } from 'vitest';
import type { DoorKey } from '../api/door-keys';
import { doorKey, signTicket } from '../testing/sign-ticket';
import { checkOffline } from './offline-check';

const BOOKING = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

function concert(id: string, key: string): DoorKey {
  return {
    concertId: id,
    name: `Concert ${id}`,
    artist: 'Neon Harbor',
    startsAt: '2030-01-15T19:30:00.000Z',
    timeZone: 'America/New_York',
    key,
  };
}

const tonight = concert('tonight', doorKey(1));
const tomorrow = concert('tomorrow', doorKey(2));

describe('checking a ticket code offline', () => {
  it('answers the concert whose key signed it, and the ticket’s number and booking', async () => {
    const code = signTicket(tomorrow.key, BOOKING, 258);
    expect(code).toHaveLength(46);

    expect(await checkOffline(code, [tonight, tomorrow])).toEqual({
      kind: 'valid',
      concert: tomorrow,
      bookingId: BOOKING,
      number: 258,
    });
  });

  it('refuses a code signed with another key, or changed after signing', async () => {
    const code = signTicket(doorKey(3), BOOKING, 1);
    expect(await checkOffline(code, [tonight])).toEqual({ kind: 'unsigned', wellFormed: true });

    const signed = signTicket(tonight.key, BOOKING, 1);
    // Ticket 2 of the booking, with ticket 1's tag.
    const renumbered = `${signTicket(tonight.key, BOOKING, 2).slice(0, 24)}${signed.slice(24)}`;
    expect(await checkOffline(renumbered, [tonight])).toEqual({
      kind: 'unsigned',
      wellFormed: true,
    });
  });

  it('refuses a tag that decodes to the same bytes but is not the text the server makes', async () => {
    const code = signTicket(tonight.key, BOOKING, 1);
    const last = code.at(-1) ?? '';
    // The last character carries 4 unused bits: set one, and the bytes read the same.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const stray = alphabet[alphabet.indexOf(last) + 1] ?? '';
    expect(await checkOffline(`${code.slice(0, -1)}${stray}`, [tonight])).toEqual({
      kind: 'unsigned',
      wellFormed: true,
    });
  });

  it('knows nothing without keys, and says when the code is not shaped like one', async () => {
    const code = signTicket(tonight.key, BOOKING, 1);
    expect(await checkOffline(code, [])).toEqual({ kind: 'unsigned', wellFormed: true });
    expect(await checkOffline('not-a-ticket', [tonight])).toEqual({
      kind: 'unsigned',
      wellFormed: false,
    });
  });
});
