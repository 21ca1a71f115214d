import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { freePort } from './test/free-port.js';
import {
  NO_ABUSE_LIMITS,
  startClusterProcess,
  type ServerProcess,
  type SpawnOptions,
} from './test/server-process.js';
import { createShopper } from './test/shopper.js';
import { stoppedAfterEach } from './test/stopped-after-each.js';
import { postgresSkipped } from './test/store-kinds.js';
import type { TestStoreName } from './test/postgres-server.js';
import { createSharedTestDatabase } from './test/test-app.js';

const CONCERT = 'cluster-show';
const ALL_LISTENING = /Cluster of \d+ instances listening/;

interface Answer {
  status: number;
  /** The worker process that answered, from its `X-Instance` header. */
  instance: number;
  body: string;
}

/** One GET over a connection of its own: the cluster hands each new connection to the next worker. */
function getFresh(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            instance: Number(res.headers['x-instance']),
            body,
          });
        });
      })
      .on('error', reject);
  });
}

/** The concert as `count` fresh connections, one after another, are answered. */
async function concertAnswers(server: ServerProcess, count: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i += 1) {
    answers.push(await getFresh(`${server.url}/api/concerts/${CONCERT}`));
  }
  return answers;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A cluster of `instances` on a new database with the test's concert, once all of them listen. */
async function startClusterOn(
  started: ReturnType<typeof stoppedAfterEach>,
  store: TestStoreName,
  instances: number,
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const database = started.database(
    await createSharedTestDatabase([{ id: CONCERT, tiers: [{ code: 'ga', total: 40 }] }], store),
  );
  const server = started.server(
    await startClusterProcess(
      ['--instances', String(instances)],
      { ...database.env, ...NO_ABUSE_LIMITS },
      options,
    ),
  );
  await server.printed(ALL_LISTENING);
  return server;
}

describe.each([
  ['SQLite', 'sqlite', false],
  ['PostgreSQL', 'postgres', postgresSkipped()],
] as const)('npm run cluster on %s', (_, store: TestStoreName, skip) => {
  const started = stoppedAfterEach();
  const startCluster = (instances: number) => startClusterOn(started, store, instances);

  it.skipIf(skip)(
    'three instances answer on one port from three worker processes, each seeing the holds taken through another',
    async () => {
      const server = await startCluster(3);
      const checkout = await createShopper(server.url).checkout(CONCERT, [
        { tier: 'ga', quantity: 2 },
      ]);

      const answers = await concertAnswers(server, 6);

      expect(checkout.status).toBe(201);
      const instances = new Set(answers.map((answer) => answer.instance));
      expect(instances.size).toBe(3);
      expect(instances).not.toContain(server.child.pid);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toMatchObject({
          concert: { tiers: [{ code: 'ga', total: 40, held: 2, available: 38 }] },
        });
      }
    },
  );

  it.skipIf(skip)(
    'a worker killed with SIGKILL is replaced by a new one, and the cluster answers throughout',
    async () => {
      const server = await startCluster(3);
      const before = new Set((await concertAnswers(server, 3)).map((a) => a.instance));
      const [killed = 0] = before;

      process.kill(killed, 'SIGKILL');
      await server.printed(/An instance exited with SIGKILL: replacing it/);
      const meanwhile = await concertAnswers(server, 4);
      await server.printed(/A new instance took the place/);
      const after = new Set((await concertAnswers(server, 6)).map((a) => a.instance));

      expect(before.size).toBe(3);
      expect(meanwhile.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
      expect(meanwhile.map((answer) => answer.instance)).not.toContain(killed);
      expect(after.size).toBe(3);
      expect(after).not.toContain(killed);
      expect([...before].filter((pid) => after.has(pid))).toHaveLength(2);
    },
  );

  it.skipIf(skip)(
    'SIGTERM stops every worker gracefully, ending each stream with a retry hint, and exits 0',
    async () => {
      const server = await startCluster(3);
      const workers = new Set((await concertAnswers(server, 3)).map((a) => a.instance));
      const stream = await fetch(`${server.url}/api/concerts/${CONCERT}/availability/stream`);
      const text = stream.text();

      server.child.kill('SIGTERM');

      expect(await server.exited).toBe(0);
      await server.closed;
      expect(await text).toMatch(/\n\nretry: 3000\n\n$/);
      expect(server.output().match(/"msg":"Stopped"/g)).toHaveLength(4);
      expect(server.output()).not.toMatch(/again|replacing/);
      expect(workers.size).toBe(3);
      expect([...workers].filter(isAlive)).toEqual([]);
    },
  );
});

describe('npm run cluster, stopped and refused', () => {
  const started = stoppedAfterEach();

  it('Ctrl+C, which signals every process of the group, stops each worker once and exits 0', async () => {
    const server = await startClusterOn(started, 'sqlite', 2, { detached: true });

    process.kill(-(server.child.pid ?? 0), 'SIGINT');

    expect(await server.exited).toBe(0);
    await server.closed;
    expect(server.output().match(/"msg":"Stopped"/g)).toHaveLength(3);
    expect(server.output()).not.toMatch(/again/);
  });

  it('a worker sent SIGTERM stops gracefully and another takes its place, the cluster running on', async () => {
    const server = await startClusterOn(started, 'sqlite', 2);
    const before = new Set((await concertAnswers(server, 2)).map((a) => a.instance));
    const [stopped = 0] = before;

    process.kill(stopped, 'SIGTERM');
    await server.printed(/An instance exited with code 0: replacing it/);
    await server.printed(/A new instance took the place/);
    const after = new Set((await concertAnswers(server, 4)).map((a) => a.instance));

    expect(before.size).toBe(2);
    expect(isAlive(stopped)).toBe(false);
    expect(after.size).toBe(2);
    expect(after).not.toContain(stopped);
    expect(server.child.exitCode).toBeNull();
  });

  /** The JSON lines a cluster that refused to start printed. */
  async function refusedStart(args: string[], env: Record<string, string> = {}) {
    let message = '';
    try {
      started.server(await startClusterProcess(args, env));
    } catch (error) {
      message = (error as Error).message;
    }
    const [heading, ...output] = message.split('\n').filter(Boolean);
    expect(heading).toBe('server exited with 1:');
    return output.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it.each([
    [['--instances', '0'], '--instances: must be at least 1 (got "0")'],
    [['--instances', 'three'], '--instances: must be a whole number (got "three")'],
  ])('with %j it exits 1 naming the option', async (args, problem) => {
    const lines = await refusedStart(args);

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'fatal',
        msg: 'Invalid configuration',
        problems: [problem],
      }),
    ]);
  });

  it('when its first instance cannot start, it exits 1 without starting the others', async () => {
    const port = await freePort();

    const lines = await refusedStart(['--instances', '3'], {
      DATABASE_URL: `postgres://tickets@127.0.0.1:${port}/tickets`,
    });

    const fatal = lines.filter((line) => line.level === 'fatal');
    expect(fatal).toEqual([
      expect.objectContaining({ msg: expect.stringMatching(/^DATABASE_URL: cannot use/) }),
      expect.objectContaining({
        msg: 'An instance exited with code 1 while the cluster was starting: stopping',
      }),
    ]);
    expect(new Set(lines.map((line) => line.pid)).size).toBe(2);
  });
});
