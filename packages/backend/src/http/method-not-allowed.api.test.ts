import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedEverything } from '../test/inspect.js';
import { sendRaw } from '../test/raw-http.js';
import { DEFAULT_TEST_CONCERT, startTestApp, type TestApp } from '../test/test-app.js';

const CONCERT = DEFAULT_TEST_CONCERT.id;
const BOOKING = randomUUID();
const TOKEN = 'organizer-token-0123456789-abcdefghij';

/** Known paths and a method each does not take, with what they do take, the organizer's off. */
const WITHOUT_ORGANIZER: [method: string, path: string, allow: string][] = [
  ['PUT', '/api/concerts', 'GET, HEAD'],
  ['DELETE', '/api/concerts', 'GET, HEAD'],
  ['POST', `/api/concerts/${CONCERT}`, 'GET, HEAD'],
  // Answered before Express for the methods they take.
  ['POST', `/api/concerts/${CONCERT}/availability/stream`, 'GET, HEAD'],
  ['DELETE', `/api/concerts/${CONCERT}/availability/stream`, 'GET, HEAD'],
  // `checkout` and `heartbeat` are also what a concert's hold path reads as its id.
  ['PUT', '/api/holds/checkout', 'GET, HEAD, POST, DELETE'],
  ['PATCH', '/api/holds/heartbeat', 'GET, HEAD, POST, DELETE'],
  ['POST', `/api/holds/${CONCERT}`, 'GET, HEAD, DELETE'],
  ['DELETE', '/api/bookings', 'GET, HEAD, POST'],
  ['PUT', `/api/bookings/${BOOKING}`, 'GET, HEAD, DELETE'],
  ['POST', '/api/health', 'GET, HEAD'],
  ['DELETE', '/api/ready', 'GET, HEAD'],
  ['POST', '/api/openapi.json', 'GET, HEAD'],
  ['POST', '/api/docs', 'GET, HEAD'],
  ['PUT', '/api/docs/assets/swagger-ui.css', 'GET, HEAD'],
  ['POST', '/metrics', 'GET, HEAD'],
  // Paths match as Express matches them: any case, with or without a trailing slash.
  ['PUT', '/API/Concerts/', 'GET, HEAD'],
  ['PUT', '/api/holds/checkout/?x=1', 'GET, HEAD, POST, DELETE'],
];

/** With the organizer's API on, its paths are known too. */
const WITH_ORGANIZER: [method: string, path: string, allow: string][] = [
  ['PUT', '/api/concerts', 'GET, HEAD, POST'],
  ['GET', `/api/concerts/${CONCERT}/tiers/vip`, 'PATCH'],
  ['POST', `/api/admin/concerts/${CONCERT}/sales`, 'GET, HEAD'],
];

/** Paths that name nothing that can exist, or the organizer's while its API is off: 404. */
const UNKNOWN: [method: string, path: string][] = [
  ['POST', '/api/concerts'],
  ['PATCH', `/api/concerts/${CONCERT}/tiers/vip`],
  ['GET', `/api/concerts/${CONCERT}/tiers/vip`],
  ['GET', `/api/admin/concerts/${CONCERT}/sales`],
  ['PUT', `/api/admin/concerts/${CONCERT}/sales`],
  ['PUT', '/api/concerts/Not%20A%20Concert'],
  ['PUT', '/api/bookings/not-a-booking-id'],
  ['POST', '/api/docs/assets/README.md'],
  ['PUT', '/api/nope'],
];

describe('a method a known path does not take', () => {
  let app: TestApp;
  let organizerApp: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    organizerApp = await startTestApp({ config: { adminToken: TOKEN } });
  });

  afterAll(async () => {
    await app.close();
    await organizerApp.close();
  });

  async function expect405(target: TestApp, method: string, path: string, allow: string) {
    const before = await storedEverything(target.db);

    const res = await sendRaw(target.url, { method, path });

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
    expect(JSON.parse(res.text)).toEqual({
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: `${path.split('?')[0] ?? ''} does not take ${method}; it takes ${allow}.`,
      },
    });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await storedEverything(target.db)).toEqual(before);
  }

  it.each(WITHOUT_ORGANIZER)(
    '%s %s answers 405 METHOD_NOT_ALLOWED with Allow: %s',
    async (method, path, allow) => {
      await expect405(app, method, path, allow);
    },
  );

  it.each(WITH_ORGANIZER)(
    'with the organizer API on, %s %s answers 405 with Allow: %s',
    async (method, path, allow) => {
      await expect405(organizerApp, method, path, allow);
    },
  );

  it('is refused before the body is read: a body that is not JSON changes nothing', async () => {
    const res = await sendRaw(app.url, {
      method: 'PUT',
      path: '/api/holds/checkout',
      headers: { 'content-type': 'text/plain' },
      body: 'not json',
    });

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST, DELETE');
  });

  it('answers HEAD with the same status and Allow, without a body', async () => {
    const res = await sendRaw(organizerApp.url, {
      method: 'HEAD',
      path: `/api/concerts/${CONCERT}/tiers/vip`,
    });

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('PATCH');
    expect(res.text).toBe('');
  });

  it.each(UNKNOWN)(
    '%s %s, a path that does not exist here, stays 404 NOT_FOUND',
    async (method, path) => {
      const res = await sendRaw(app.url, { method, path });

      expect(res.status).toBe(404);
      expect(res.headers.allow).toBeUndefined();
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    },
  );

  it.each([
    ['/api/concerts', 'GET, HEAD', false],
    ['/api/concerts', 'GET, HEAD, POST', true],
    ['/api/holds/checkout', 'GET, HEAD, POST, DELETE', false],
    [`/api/concerts/${CONCERT}/availability/stream`, 'GET, HEAD', false],
  ] as const)(
    'OPTIONS %s lists every method the path takes: %s',
    async (path, allow, organizerApi) => {
      const res = await sendRaw((organizerApi ? organizerApp : app).url, {
        method: 'OPTIONS',
        path,
      });

      expect(res.status).toBe(204);
      expect(res.headers.allow).toBe(allow);
      expect(res.headers['set-cookie']).toBeUndefined();
    },
  );
});
