import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, storedTier } from '../../test/inspect.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { testConfig } from '../../test/test-config.js';
import { SESSION_COOKIE } from './session.middleware.js';

const CONCERT = 'test-concert';

describe('sessions', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('the first request gets an httpOnly, SameSite=Lax session cookie, later ones keep it', async () => {
    const shopper = app.shopper();

    const first = await shopper.request('GET', '/api/concerts');
    const second = await shopper.request('GET', '/api/concerts');

    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(second.headers.get('set-cookie')).toBeNull();
  });

  it('by default the cookie is not Secure, so a plain http://localhost keeps its session', async () => {
    const res = await app.shopper().request('GET', '/api/concerts');

    expect(res.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });

  it('with COOKIE_SECURE, the cookie is Secure, and still httpOnly and SameSite=Lax', async () => {
    const secure = await startTestApp({
      config: { http: { ...testConfig().http, cookieSecure: true } },
    });
    try {
      const shopper = secure.shopper();

      const res = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
      expect(cookie).toMatch(/;\s*Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(res.status).toBe(201);
      expect(await countRows(secure.db, 'sessions')).toBe(1);
    } finally {
      await secure.close();
    }
  });

  it('a cookie the server did not issue is never adopted: the request gets a fresh session', async () => {
    const owner = app.shopper();
    await owner.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    const [id] = (owner.cookie ?? '').slice(SESSION_COOKIE.length + 1).split('.');
    const forger = app.shopper();
    forger.cookie = `${SESSION_COOKIE}=${id ?? ''}.${'A'.repeat(22)}`;

    const res = await forger.hold(CONCERT);

    expect(res.body).toEqual({ hold: null });
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(forger.cookie).not.toContain(id);
  });

  it('a malformed cookie gets a fresh session, not an error', async () => {
    const shopper = app.shopper();
    shopper.cookie = `${SESSION_COOKIE}=%%%not-a-token`;

    const res = await shopper.request('GET', '/api/concerts');

    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
  });

  it('browsing alone writes nothing; a session is stored when it first holds tickets', async () => {
    const shopper = app.shopper();
    await shopper.request('GET', '/api/concerts');
    expect(await countRows(app.db, 'sessions')).toBe(0);

    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

    expect(await countRows(app.db, 'sessions')).toBe(1);
  });

  describe('isolation', () => {
    it('another session cannot read, release or buy your hold', async () => {
      const owner = app.shopper();
      await owner.checkout(CONCERT, [{ tier: 'vip', quantity: 3 }]);
      const other = app.shopper();

      const read = await other.hold(CONCERT);
      const release = await other.release(CONCERT);
      const buy = await other.book(CONCERT);
      const beat = await other.heartbeat(CONCERT, { active: true, visible: true });

      expect(read.body).toEqual({ hold: null });
      expect(release.status).toBe(204);
      expect(buy.status).toBe(404);
      expect(buy.body.error.code).toBe('NO_ACTIVE_HOLD');
      expect(beat.status).toBe(404);
      expect(beat.body.error.code).toBe('NO_ACTIVE_HOLD');
      expect((await owner.hold(CONCERT)).body.hold).toMatchObject({ concertId: CONCERT });
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, heldCounter: 3 });
      expect(await countRows(app.db, 'bookings')).toBe(0);
    });

    it('another session cannot see or list your booking', async () => {
      const owner = app.shopper();
      await owner.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
      const booking = (await owner.book(CONCERT)).body.booking;
      const other = app.shopper();

      const one = await other.booking(booking.id);
      const list = await other.bookings();

      expect(one.status).toBe(404);
      expect(one.body.error.code).toBe('BOOKING_NOT_FOUND');
      expect(list.body.bookings).toEqual([]);
      expect((await owner.booking(booking.id)).status).toBe(200);
    });
  });
});
