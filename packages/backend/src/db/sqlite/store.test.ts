import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import { openSqliteStore, type SqliteStore } from './store.js';

describe('writes asked for in the same turn of the event loop', () => {
  let dir: string;
  let db: SqliteStore;
  let reader: SqliteStore;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-store-'));
    const file = path.join(dir, 'test.db');
    db = openSqliteStore(file, { busyTimeoutMs: 0, retries: 2, baseDelayMs: 1, maxDelayMs: 2 });
    await db.migrate();
    db.sqlite.exec('CREATE TABLE entries (name TEXT PRIMARY KEY)');
    reader = openSqliteStore(file);
  });
  afterEach(async () => {
    await reader.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insertNow = (name: string) => {
    db.sqlite.prepare('INSERT INTO entries (name) VALUES (?)').run(name);
    return name;
  };
  const insert = (name: string) => () => Promise.resolve(insertNow(name));
  const storedNames = (from: SqliteStore) =>
    from.sqlite.prepare<[], string>('SELECT name FROM entries ORDER BY name').pluck().all();

  it('commit together, and one that throws undoes only its own changes', async () => {
    const results = await Promise.allSettled([
      db.write(insert('a')),
      db.write(() => {
        insertNow('b');
        return Promise.reject(new AppError('NOT_ENOUGH_TICKETS', 'none left'));
      }),
      db.write(insert('c'), { durable: true }),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: { code: 'NOT_ENOUGH_TICKETS' } });
    expect(storedNames(reader)).toEqual(['a', 'c']);
  });

  it('share one commit, where one at a time commit each', async () => {
    const walFrames = () =>
      db.sqlite.pragma('wal_checkpoint(PASSIVE)', { simple: false }) as { log: number }[];
    const framesFor = async (run: () => Promise<unknown>) => {
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      await run();
      return walFrames()[0]?.log;
    };

    const together = await framesFor(() =>
      Promise.all(['a', 'b', 'c'].map((n) => db.write(insert(n)))),
    );
    const oneAtATime = await framesFor(async () => {
      for (const name of ['d', 'e', 'f']) await db.write(insert(name));
    });

    // The same pages change for every row, so each commit writes the same number of WAL frames.
    expect(together).toBeGreaterThan(0);
    expect(oneAtATime).toBe(3 * (together ?? 0));
  });

  it('run in the order they were asked for, each seeing the ones before it', async () => {
    const seen = await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        db.write(() => {
          insertNow(name);
          return Promise.resolve(storedNames(db).length);
        }),
      ),
    );

    expect(seen).toEqual([1, 2, 3]);
  });

  it('settle only once their changes are committed and visible to other connections', async () => {
    const visibleWhenSettled = await Promise.all(
      ['a', 'b'].map((name) => db.write(insert(name)).then(() => storedNames(reader))),
    );

    expect(visibleWhenSettled).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('all fail with 503 BUSY, and none is stored, while another connection keeps the write lock', async () => {
    reader.sqlite.exec('BEGIN IMMEDIATE');

    const results = await Promise.allSettled([db.write(insert('a')), db.write(insert('b'))]);
    reader.sqlite.exec('ROLLBACK');

    expect(results).toMatchObject([
      { status: 'rejected', reason: { code: 'BUSY', status: 503 } },
      { status: 'rejected', reason: { code: 'BUSY', status: 503 } },
    ]);
    expect(storedNames(reader)).toEqual([]);
  });

  it('run their after-commit work once committed, and never the work of what was undone', async () => {
    const done: string[] = [];
    const results = await Promise.allSettled([
      db.write(async (tx) => {
        insertNow('a');
        tx.afterCommit(() => done.push(`a committed, stored: ${storedNames(reader).join()}`));
        await tx
          .savepoint(() => {
            insertNow('b');
            tx.afterCommit(() => done.push('b'));
            return Promise.reject(new AppError('NOT_ENOUGH_TICKETS', 'none left'));
          })
          .catch(() => undefined);
      }),
      db.write((tx) => {
        insertNow('c');
        tx.afterCommit(() => done.push('c'));
        return Promise.reject(new AppError('NOT_ENOUGH_TICKETS', 'none left'));
      }),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(done).toEqual(['a committed, stored: a']);
    expect(storedNames(reader)).toEqual(['a']);
  });

  it('are never seen half done by reads from outside them', async () => {
    db.sqlite.exec("INSERT INTO entries (name) VALUES ('before')");
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const write = db.write(async (tx) => {
      insertNow('during');
      await gate;
      await tx.concerts.count();
    });
    // Let the write start its transaction, then read while it is open.
    await new Promise((resolve) => setImmediate(resolve));
    let counted: number | undefined;
    const read = db.concerts.count().then((n) => {
      counted = n;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const readWhileOpen = counted;
    release();
    await Promise.all([write, read]);

    expect(readWhileOpen).toBeUndefined();
    expect(counted).toBe(0);
    expect(storedNames(db)).toEqual(['before', 'during']);
  });
});
