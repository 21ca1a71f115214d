import { normalizeEmail } from '@ticket-booking/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LEGACY_EMAILS } from '../../test/legacy-emails.js';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../../test/postgres-test-db.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations.js';
import { openPostgresStore, type PostgresStore } from './store.js';

describe.skipIf(postgresSkipped())('the PostgreSQL migrations', () => {
  let database: PostgresTestDatabase;
  let store: PostgresStore;
  beforeAll(async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl') ?? '');
    store = openPostgresStore(database.url, { poolSize: 1 });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('give the bookings they find the email key a purchase limit counts them by', async () => {
    await migrate(
      store.pool,
      migrations.filter((m) => m.version < 13),
    );
    await store.pool.query(`
      INSERT INTO concerts (id, name, artist, venue, time_zone, starts_at, sales_end_at,
                            created_at)
      VALUES ('c', 'n', 'a', 'v', 'UTC', 1900000000000, 1900000000000, 0);
      INSERT INTO sessions (id, created_at) VALUES ('s', 0);
    `);
    for (const [n, email] of LEGACY_EMAILS.entries()) {
      await store.pool.query(
        `INSERT INTO bookings (id, confirmation_code, session_id, concert_id, status, total_cents,
                               currency, buyer_name, buyer_email, card_brand, card_last4,
                               created_at)
         VALUES ($1, $2, 's', 'c', 'CONFIRMED', 0, 'USD', 'n', $3, 'visa', '4242', 0)`,
        [`b${n}`, `code-${n}`, email],
      );
    }

    await migrate(store.pool);

    const { rows } = await store.pool.query<{ key: string }>(
      'SELECT buyer_email_key AS key FROM bookings ORDER BY seq',
    );
    expect(rows.map((row) => row.key)).toEqual(LEGACY_EMAILS.map(normalizeEmail));
    const concert = await store.pool.query('SELECT max_tickets_per_buyer AS max FROM concerts');
    expect(concert.rows).toEqual([{ max: 8 }]);
  });
});
