import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** How many characters of a process's latest output are kept, for `printed` and errors. */
const OUTPUT_KEPT = 1 << 20;

/** Linux's USER_HZ, the unit of the CPU times in /proc: 100 on x86 and Arm. */
const CLOCK_TICKS_PER_SECOND = 100;

export const backendRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs TypeScript sources directly, with the shared package from its sources too. */
const TEST_MAIL_DIR = path.join(os.tmpdir(), 'ticket-booking-test-mail');

export const FROM_SOURCE = ['--import', 'tsx', '--conditions=@ticket-booking/source'];

/**
 * The abuse limits turned off, for tests that send many requests or streams from 127.0.0.1 to
 * prove something else (races, processes sharing a database); the limits have tests of their own.
 */
export const NO_ABUSE_LIMITS = {
  RATE_LIMIT_SESSION_PER_MIN: '0',
  RATE_LIMIT_IP_PER_MIN: '0',
  SSE_MAX_STREAMS_PER_IP: '0',
  MAX_TICKETS_HELD_PER_ADDRESS: '0',
  HOLD_CAP_COOLDOWN_MS: '0',
};

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resident memory of the process, from /proc. */
  rssBytes(): number;
  /** CPU time the process has used so far, in its own code and in the kernel, from /proc. */
  cpuMs(): { user: number; system: number };
  /** Resolves once the process has printed something that matches `pattern`. */
  printed(pattern: RegExp): Promise<void>;
  /** What the process has printed so far, stdout and stderr: its last mebibyte at least. */
  output(): string;
  /** Resolves once the process has exited, with its exit code (null if a signal ended it). */
  exited: Promise<number | null>;
  /**
   * Resolves once its output has ended: it has exited, and so has every process that shares its
   * stdout and stderr (a cluster's workers), so `output()` holds all they printed.
   */
  closed: Promise<void>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** In a process group of its own, which a test can signal whole as a terminal's Ctrl+C does. */
  detached?: boolean;
}

/** A mail poll interval that sends nothing while a test runs: a day. */
export const MAIL_UNSENT_MS = String(24 * 60 * 60_000);

/**
 * Starts a Node server process (`node ...args`) on a free port of 127.0.0.1 and resolves once
 * it prints where it listens; rejects with its output if it exits or stays silent.
 */
export function spawnServer(
  args: string[],
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: backendRoot,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      // Mail to files of the tests' own, never into the checkout's data folder.
      MAIL_DIR: TEST_MAIL_DIR,
      // Sent only where a test asks (MAIL_POLL_INTERVAL_MS): sending starts a thread of its
      // own in each server, which the tests of everything else need not pay for.
      MAIL_POLL_INTERVAL_MS: MAIL_UNSENT_MS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  const outputListeners = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
  const closed = new Promise<void>((resolve) => {
    child.once('close', () => {
      resolve();
    });
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    // A server under load logs megabytes a second: only its latest output is kept.
    if (output.length > 2 * OUTPUT_KEPT) output = output.slice(-OUTPUT_KEPT);
    for (const listener of [...outputListeners]) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${output}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
    const onData = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      outputListeners.delete(onData);
      resolve({
        url: match[1],
        child,
        rssBytes() {
          const status = fs.readFileSync(`/proc/${String(child.pid)}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
        },
        cpuMs() {
          const stat = fs.readFileSync(`/proc/${String(child.pid)}/stat`, 'utf8');
          // The fields after the command name; utime and stime are the 12th and 13th, in ticks.
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          const msPerTick = 1000 / CLOCK_TICKS_PER_SECOND;
          return {
            user: Number(fields[11]) * msPerTick,
            system: Number(fields[12]) * msPerTick,
          };
        },
        printed: (pattern) =>
          new Promise<void>((done, fail) => {
            const check = () => {
              if (!pattern.test(output)) return;
              outputListeners.delete(check);
              done();
            };
            outputListeners.add(check);
            check();
            // 'close' comes once its output is all read, unlike 'exit'.
            child.once('close', () => {
              if (outputListeners.delete(check)) {
                fail(new Error(`exited without printing ${String(pattern)}:\n${output}`));
              }
            });
          }),
        output: () => output,
        exited,
        closed,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) {
              done();
              return;
            }
            child.once('exit', () => {
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    };
    outputListeners.add(onData);
  });
}

/** `src/main.ts` in a process of its own, through tsx, so nothing needs building. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer([...FROM_SOURCE, path.join(backendRoot, 'src/main.ts')], env);
}

/**
 * `src/cluster.ts` (`npm run cluster`) through tsx, resolved once its first instance listens;
 * the cluster's own line, once every instance listens, comes after.
 */
export function startClusterProcess(
  args: string[],
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  return spawnServer(
    [...FROM_SOURCE, path.join(backendRoot, 'src/cluster.ts'), ...args],
    env,
    options,
  );
}
