import { HealthResponseSchema, ReadinessResponseSchema } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { changeStored, countRows } from '../../test/inspect.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';

describe('health and readiness', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('GET /api/health answers 200 ok, and sets no session cookie', async () => {
    app = await startTestApp();

    const res = await app.shopper().request('GET', '/api/health');

    expect(res.status).toBe(200);
    expect(HealthResponseSchema.parse(res.body)).toEqual({ status: 'ok' });
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await countRows(app.db, 'sessions')).toBe(0);
  });

  it('GET /api/ready answers 200 when the database answers and has every migration, and sets no cookie', async () => {
    app = await startTestApp();

    const res = await app.shopper().request('GET', '/api/ready');

    expect(res.status).toBe(200);
    expect(ReadinessResponseSchema.parse(res.body)).toEqual({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true } },
    });
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await app.db.schemaVersion()).toBe(app.db.latestSchemaVersion);
  });

  it('when the newest migration is not applied, /api/ready answers 503 naming the migrations check', async () => {
    app = await startTestApp();
    // As a database of the previous release looks to this one.
    const latest = app.db.latestSchemaVersion;
    await changeStored(app.db, 'DELETE FROM schema_migrations WHERE version = ?', [latest]);
    const previous = await app.db.schemaVersion();

    const res = await app.shopper().request('GET', '/api/ready');

    expect(res.status).toBe(503);
    expect(ReadinessResponseSchema.parse(res.body)).toEqual({
      status: 'not_ready',
      checks: {
        database: { ok: true },
        migrations: {
          ok: false,
          detail: `The database schema is at version ${previous}; this server needs ${latest}.`,
        },
      },
    });
    expect(previous).toBeLessThan(latest);
  });

  it('when the database is closed, /api/ready answers 503 naming the database, and /api/health still 200', async () => {
    app = await startTestApp();
    await app.db.close();

    const ready = await app.shopper().request('GET', '/api/ready');
    const health = await app.shopper().request('GET', '/api/health');

    expect(ready.status).toBe(503);
    expect(ReadinessResponseSchema.parse(ready.body)).toEqual({
      status: 'not_ready',
      checks: {
        database: { ok: false, detail: 'The database did not answer a query.' },
        migrations: { ok: false, detail: 'Not checked: the database did not answer.' },
      },
    });
    await expect(app.db.schemaVersion()).rejects.toThrow();
    expect(health.status).toBe(200);
  });
});
