import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeEmail } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from './store.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrate.js';
import { migrations } from './migrations.js';
import { LEGACY_EMAILS } from '../../test/legacy-emails.js';

describe('the database', () => {
  let db: SqliteStore | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function openFresh(): SqliteStore {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-migrate-'));
    db = openSqliteStore(path.join(dir, 'nested', 'tickets.db'));
    return db;
  }

  it('opens in WAL mode with foreign keys enforced, creating its folder', () => {
    const { sqlite } = openFresh();

    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('applies every migration once, in order, and nothing on the next start', () => {
    const { sqlite } = openFresh();

    const first = migrate(sqlite);
    const second = migrate(sqlite);

    expect(first).toEqual(migrations.map((m) => m.version));
    expect(second).toEqual([]);
    expect(sqlite.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(first);
  });

  it('refuses a tier that would be oversold, whatever the code above it does', () => {
    const { sqlite } = openFresh();
    migrate(sqlite);
    sqlite.exec(`
      INSERT INTO concerts (id, name, artist, venue, starts_at, created_at)
      VALUES ('c', 'n', 'a', 'v', 0, 0);
      INSERT INTO tiers (concert_id, code, name, position, price_cents, currency, total, sold, held)
      VALUES ('c', 'ga', 'GA', 0, 100, 'USD', 5, 3, 2);
    `);

    expect(() => sqlite.exec("UPDATE tiers SET held = held + 1 WHERE code = 'ga'")).toThrow(
      /CHECK constraint failed/,
    );
  });

  it('gives the concerts it finds the time zone their times were written in, and sales to their start', () => {
    const { sqlite } = openFresh();
    migrate(
      sqlite,
      migrations.filter((m) => m.version < 9),
    );
    sqlite.exec(`
      INSERT INTO concerts (id, name, artist, venue, starts_at, created_at)
      VALUES ('c', 'n', 'a', 'v', 1900000000000, 0);
    `);

    migrate(sqlite);

    expect(
      sqlite
        .prepare('SELECT time_zone AS timeZone, sales_end_at AS salesEndAt FROM concerts')
        .get(),
    ).toEqual({ timeZone: 'UTC', salesEndAt: 1900000000000 });
    expect(() => sqlite.exec('UPDATE concerts SET sales_end_at = starts_at + 1')).toThrow(
      /CHECK constraint failed/,
    );
  });

  it('gives the bookings it finds the email key a purchase limit counts them by', () => {
    const { sqlite } = openFresh();
    migrate(
      sqlite,
      migrations.filter((m) => m.version < 13),
    );
    sqlite.exec(`
      INSERT INTO concerts (id, name, artist, venue, starts_at, created_at)
      VALUES ('c', 'n', 'a', 'v', 1900000000000, 0);
      INSERT INTO sessions (id, created_at) VALUES ('s', 0);
    `);
    const insert = sqlite.prepare(
      `INSERT INTO bookings (id, confirmation_code, session_id, concert_id, status, total_cents,
                             currency, buyer_name, buyer_email, card_brand, card_last4, created_at)
       VALUES (?, ?, 's', 'c', 'CONFIRMED', 0, 'USD', 'n', ?, 'visa', '4242', 0)`,
    );
    LEGACY_EMAILS.forEach((email, n) => insert.run(`b${n}`, `code-${n}`, email));

    migrate(sqlite);

    const keys = sqlite
      .prepare('SELECT buyer_email_key FROM bookings ORDER BY rowid')
      .pluck()
      .all();
    expect(keys).toEqual(LEGACY_EMAILS.map(normalizeEmail));
    expect(sqlite.prepare('SELECT max_tickets_per_buyer FROM concerts').pluck().get()).toBe(8);
  });

  it('gives the check-ins it finds the tier their ticket number admits to', () => {
    const { sqlite } = openFresh();
    migrate(
      sqlite,
      migrations.filter((m) => m.version < 20),
    );
    sqlite.exec(`
      INSERT INTO concerts (id, name, artist, venue, starts_at, created_at)
      VALUES ('c', 'n', 'a', 'v', 1900000000000, 0);
      INSERT INTO tiers (id, concert_id, code, name, position, price_cents, currency, total)
      VALUES (7, 'c', 'ga', 'GA', 2, 100, 'USD', 10), (3, 'c', 'vip', 'VIP', 1, 100, 'USD', 10);
      INSERT INTO sessions (id, created_at) VALUES ('s', 0);
      INSERT INTO bookings (id, confirmation_code, session_id, concert_id, status, total_cents,
                            currency, buyer_name, buyer_email, card_brand, card_last4, created_at)
      VALUES ('b', 'AAAA-2222', 's', 'c', 'CONFIRMED', 0, 'USD', 'n', 'e@x.org', 'visa', '4242', 0);
      INSERT INTO booking_items (booking_id, tier_id, tier_code, tier_name, quantity,
                                 unit_price_cents)
      VALUES ('b', 7, 'ga', 'GA', 2, 100), ('b', 3, 'vip', 'VIP', 1, 100);
      INSERT INTO check_ins (booking_id, ticket, checked_in_at) VALUES ('b', 1, 0), ('b', 3, 0);
    `);

    migrate(sqlite);

    // Tickets count through the tiers' order: 1 is the VIP ticket, 2 and 3 are GA.
    expect(
      sqlite.prepare('SELECT ticket, tier_id AS tierId FROM check_ins ORDER BY ticket').all(),
    ).toEqual([
      { ticket: 1, tierId: 3 },
      { ticket: 3, tierId: 7 },
    ]);
  });

  it('reports its schema version: 0 before any migration, then the newest one applied', () => {
    const { sqlite } = openFresh();
    const before = schemaVersion(sqlite);

    migrate(sqlite, migrations.slice(0, 2));
    const partly = schemaVersion(sqlite);
    migrate(sqlite);

    expect(before).toBe(0);
    expect(partly).toBe(2);
    expect(schemaVersion(sqlite)).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe(Math.max(...migrations.map((m) => m.version)));
  });
});
