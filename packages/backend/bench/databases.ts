import fs from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '../src/db/sqlite/store.js';
import type { Store } from '../src/db/store.js';
import { storedTier, type StoredTier } from '../src/test/inspect.js';
import type { DatabaseEnv } from './harness.js';
import { prepareDatabase } from './prepare.js';

/** The databases of one run: the product's, and a copy of it as prepared for the references. */
export interface BenchDatabases {
  /** What the report says the figures were measured on. */
  description: string;
  product: DatabaseEnv;
  reference: DatabaseEnv;
  /** Makes both, the hot tier with `hotHolds` live holds. */
  prepare(hotHolds: number): Promise<void>;
  /** What the product's database holds for one tier, read straight from its tables. */
  storedTier(concertId: string, code: string): Promise<StoredTier>;
  /** Removes both, whatever was made of them; safe to call twice, or during `prepare`. */
  remove(): Promise<void>;
}

/**
 * Reads of the product's database from this process, on a store opened when first needed, and
 * what closes it.
 */
export function storedTierReader(open: () => Store) {
  let store: Store | undefined;
  return {
    storedTier: (concertId: string, code: string) =>
      storedTier((store ??= open()), concertId, code),
    async close() {
      const opened = store;
      store = undefined;
      await opened?.close();
    },
  };
}

/** SQLite files in `dir`, which the run removes at its end. */
export function sqliteDatabases(dir: string): BenchDatabases {
  const file = path.join(dir, 'bench.db');
  // The references (the baseline, Express alone) get a copy of their own: the half-million holds
  // the baseline takes would otherwise run out 90 s later in the product's database, and the
  // product would be measured while sweeping them, work that no scenario describes.
  const referenceFile = path.join(dir, 'reference.db');
  const reader = storedTierReader(() => openSqliteStore(file));
  return {
    description: 'SQLite',
    product: { DATABASE_PATH: file },
    reference: { DATABASE_PATH: referenceFile },
    async prepare(hotHolds) {
      await prepareDatabase(file, hotHolds);
      fs.copyFileSync(file, referenceFile);
    },
    storedTier: reader.storedTier,
    async remove() {
      await reader.close();
    },
  };
}
