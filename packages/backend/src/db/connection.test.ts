import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../lib/app-error.js';
import { openDatabase, type Db } from './connection.js';

describe('writes asked for in the same turn of the event loop', () => {
  let dir: string;
  let db: Db;
  let reader: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-connection-'));
    const file = path.join(dir, 'test.db');
    db = openDatabase(file, { busyTimeoutMs: 0, retries: 2, baseDelayMs: 1, maxDelayMs: 2 });
    db.sqlite.exec('CREATE TABLE entries (name TEXT PRIMARY KEY)');
    reader = openDatabase(file);
  });
  afterEach(() => {
    reader.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (name: string) => () => {
    db.sqlite.prepare('INSERT INTO entries (name) VALUES (?)').run(name);
    return name;
  };
  const storedNames = (from: Db) =>
    from.sqlite.prepare<[], string>('SELECT name FROM entries ORDER BY name').pluck().all();

  it('commit together, and one that throws undoes only its own changes', async () => {
    const results = await Promise.allSettled([
      db.write(insert('a')),
      db.write(() => {
        insert('b')();
        throw new AppError('NOT_ENOUGH_TICKETS', 'none left');
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
          insert(name)();
          return storedNames(db).length;
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
});
