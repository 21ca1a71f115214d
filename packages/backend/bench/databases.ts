import fs from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '../src/db/sqlite/store.js';
import type { Store } from '../src/db/store.js';
import { storedTier, tableBytes, type StoredTier } from '../src/test/inspect.js';
import type { DatabaseEnv } from './harness.js';
import { prepareDatabase } from './prepare.js';

/** One copy of the prepared database, as a server is told of it and as this process reads it. */
export interface BenchDatabase {
  env: DatabaseEnv;
  /** What this copy holds for one tier, read straight from its tables. */
  storedTier(concertId: string, code: string): Promise<StoredTier>;
  /** The bytes its waiting rooms' places take, indexes included. */
  waitingRoomBytes(): Promise<number>;
}

/**
 * The databases of one run: one prepared, then a copy of it for each scenario. A scenario never
 * meets the holds an earlier one took, which would run out minutes later and be swept while it
 * is measured: work that no scenario describes.
 */
export interface BenchDatabases {
  /** What the report says the figures were measured on. */
  description: string;
  /** Makes the prepared database, the hot tier with `hotHolds` live holds. */
  prepare(hotHolds: number): Promise<void>;
  /** A new copy of the database as prepared. */
  copy(): Promise<BenchDatabase>;
  /** Removes every database made, whatever was made of them; safe to call twice, or during `prepare`. */
  remove(): Promise<void>;
}

/**
 * Reads of a database from this process, on a store opened when first needed, and what closes
 * it.
 */
export function storedTierReader(open: () => Store) {
  let store: Store | undefined;
  return {
    storedTier: (concertId: string, code: string) =>
      storedTier((store ??= open()), concertId, code),
    waitingRoomBytes: () => tableBytes((store ??= open()), 'waiting_room'),
    async close() {
      const opened = store;
      store = undefined;
      await opened?.close();
    },
  };
}

/** SQLite files in `dir`, which the run removes at its end. */
export function sqliteDatabases(dir: string): BenchDatabases {
  const prepared = path.join(dir, 'prepared.db');
  const readers: ReturnType<typeof storedTierReader>[] = [];
  return {
    description: 'SQLite',
    async prepare(hotHolds) {
      await prepareDatabase(prepared, hotHolds);
    },
    async copy() {
      const file = path.join(dir, `copy-${readers.length + 1}.db`);
      await fs.promises.copyFile(prepared, file);
      const reader = storedTierReader(() => openSqliteStore(file));
      readers.push(reader);
      return {
        env: { DATABASE_PATH: file },
        storedTier: reader.storedTier,
        waitingRoomBytes: reader.waitingRoomBytes,
      };
    },
    async remove() {
      await Promise.all(readers.map((reader) => reader.close()));
    },
  };
}
