import { randomBytes } from 'node:crypto';
import { openPostgresStore, type PostgresStore } from '../src/db/postgres/store.js';
import { storedTierReader, type BenchDatabases } from './databases.js';
import { HOT_CONCERT, hotHoldTimes, insertConcerts } from './prepare.js';

/** The server the benchmark makes its databases on unless --database-url or PG_BENCH_URL says. */
export const DEFAULT_POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(server: string, fn: (admin: PostgresStore) => Promise<T>): Promise<T> {
  const admin = openPostgresStore(server, { poolSize: 1 });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

/** The server's version, as the report names it. */
export async function postgresVersion(server: string): Promise<string> {
  const { rows } = await onServer(server, (admin) =>
    admin.pool.query<{ server_version: string }>('SHOW server_version'),
  );
  // '15.20 (Debian 15.20-0+deb12u1)': the version is its first word.
  return rows[0]?.server_version.split(' ')[0] ?? 'unknown';
}

/**
 * The hot tier's holds in three statements rather than a few hundred thousand: one ticket each,
 * a session each, alive for an hour, counted on the tier.
 */
async function insertHotHolds(store: PostgresStore, count: number, now: number): Promise<void> {
  const [tier] = await store.concerts.tiersForUpdate(HOT_CONCERT);
  if (!tier) throw new Error('hot tier missing');
  const { times, expiresAt } = hotHoldTimes(now);
  await store.pool.query(
    `INSERT INTO sessions (id, created_at)
     SELECT 'preload-' || n, $2 FROM generate_series(1, $1::INTEGER) AS n`,
    [count, now],
  );
  await store.pool.query(
    `WITH new_holds AS (
       INSERT INTO holds (session_id, concert_id, created_at, deadline_at, last_active_at,
                          last_seen_at, hard_cap_at, left_at, expires_at)
       SELECT 'preload-' || n, $2, $3, $4, $3, $3, $5, NULL, $6
       FROM generate_series(1, $1::INTEGER) AS n
       RETURNING id)
     INSERT INTO hold_items (hold_id, tier_id, quantity, unit_price_cents)
     SELECT id, $7, 1, $8 FROM new_holds`,
    [
      count,
      HOT_CONCERT,
      now,
      times.deadlineAt,
      times.hardCapAt,
      expiresAt,
      tier.id,
      tier.priceCents,
    ],
  );
  await store.write((tx) => tx.concerts.changeHeld(tier.id, count));
}

/**
 * Databases of their own on the PostgreSQL server at `server` (its URL names the database to
 * connect to for making them): one migrated by the product's own migrations and prepared as the
 * SQLite one is, and a copy of it for each scenario.
 */
export function postgresDatabases(server: string, version: string): BenchDatabases {
  const suffix = randomBytes(6).toString('hex');
  const prepared = `tickets_bench_${suffix}`;
  const copies: { name: string; reader: ReturnType<typeof storedTierReader> }[] = [];
  let preparing: Promise<void> | undefined;
  let removed: Promise<void> | undefined;
  return {
    description: `PostgreSQL ${version} at ${new URL(server).host}`,
    prepare(hotHolds) {
      preparing = (async () => {
        await onServer(server, (admin) => admin.pool.query(`CREATE DATABASE ${prepared}`));
        const store = openPostgresStore(databaseUrl(server, prepared));
        try {
          await store.migrate();
          const now = Date.now();
          await insertConcerts(store, now);
          await insertHotHolds(store, hotHolds, now);
          // Planner statistics, as autovacuum would have gathered them after such a load.
          await store.pool.query('VACUUM ANALYZE');
        } finally {
          await store.close();
        }
      })();
      return preparing;
    },
    async copy() {
      const name = `${prepared}_${copies.length + 1}`;
      const url = databaseUrl(server, name);
      const reader = storedTierReader(() => openPostgresStore(url, { poolSize: 1 }));
      copies.push({ name, reader });
      // A copy of a database with no connections open on it is a copy of its files.
      await onServer(server, (admin) =>
        admin.pool.query(`CREATE DATABASE ${name} TEMPLATE ${prepared}`),
      );
      return {
        env: { DATABASE_URL: url },
        storedTier: reader.storedTier,
        waitingRoomBytes: reader.waitingRoomBytes,
      };
    },
    remove() {
      removed ??= (async () => {
        await preparing?.catch(() => undefined);
        await Promise.all(copies.map((copy) => copy.reader.close()));
        await onServer(server, async (admin) => {
          for (const name of [prepared, ...copies.map((copy) => copy.name)]) {
            await admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          }
        });
      })();
      return removed;
    },
  };
}
