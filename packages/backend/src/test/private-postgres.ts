import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** Where Debian and Ubuntu install PostgreSQL's server programs, one folder per version. */
const INSTALLED = '/usr/lib/postgresql';

export interface PrivatePostgres {
  /** The `postgres` database of the cluster, for the test to make its own database on. */
  url: string;
  /** Stops the server as an operator's fast shutdown does: open sessions are ended. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it if it runs and deletes its files. */
  remove(): Promise<void>;
}

function serverPrograms(): string {
  const versions = fs.existsSync(INSTALLED)
    ? fs
        .readdirSync(INSTALLED)
        .filter((version) => fs.existsSync(path.join(INSTALLED, version, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error(`no PostgreSQL server programs (initdb, pg_ctl) under ${INSTALLED}`);
  }
  return path.join(INSTALLED, versions[0], 'bin');
}

/**
 * A PostgreSQL cluster of the test's own, in a temporary folder, on a free port of 127.0.0.1,
 * which the test may stop and start at will without disturbing the shared test server. The
 * server refuses to run as root: as root, it runs as the `postgres` user, which owns the folder.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = serverPrograms();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const program = (name: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args])
      : run(path.join(bin, name), args);
  const port = await freePort();
  await program('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const start = async () => {
    await program('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      path.join(dir, 'log'),
      '-w',
      'start',
    ]);
    running = true;
  };
  const stop = async () => {
    await program('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    running = false;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async remove() {
      if (running) await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
