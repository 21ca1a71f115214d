import type { StoredTier } from '../src/test/inspect.js';
import type { LoadResult } from './load.js';
import type { ServerProcess } from './processes.js';

export const CONNECTIONS = 100;

/** How long and how often each scenario measures; --quick's are shorter, to finish in a minute. */
export interface Settings {
  quick: boolean;
  runs: number;
  seconds: number;
  /** The unmeasured warm-up before a scenario's runs. */
  warmUpSeconds: number;
}

export function settingsFor(quick: boolean): Settings {
  const seconds = quick ? 3 : 10;
  return { quick, runs: quick ? 1 : 3, seconds, warmUpSeconds: quick ? 1 : seconds };
}

/** One line of the printed table, and of `rows` in the JSON that bench/chart.ts reads. */
export interface Row {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  ratio?: { to: string; value: number };
  floor?: string;
  pass?: boolean;
  /** The floor is an aim: reported as met or not, never as a failure. */
  aim?: boolean;
}

/** A throughput that later scenarios are given as a ratio to. */
export interface Reference {
  name: string;
  rps: number;
  /** Its server's CPU time per request, in microseconds, where it was measured. */
  cpuUs?: number;
}

export type StartServer = (env: Record<string, string>) => Promise<ServerProcess>;

/** A database as a server is told of it: DATABASE_PATH for SQLite, DATABASE_URL for PostgreSQL. */
export type DatabaseEnv = Record<string, string>;

export interface BenchContext {
  settings: Settings;
  /** A new copy of the database as prepared, for a server other than the product's. */
  copy(): Promise<DatabaseEnv>;
  /** A directory of this run's, removed at its end. */
  tempDir: string;
  /**
   * Starts a server on `database` (the scenario's product database unless given); stopped at the
   * end in any case.
   */
  serve(start: StartServer, database?: DatabaseEnv): Promise<ServerProcess>;
  /** The product server of this scenario, on a copy of the database as prepared. */
  product(): Promise<ServerProcess>;
  /** A reference measured by an earlier scenario of this run. */
  reference(name: string): Reference;
  /** What this scenario's product database holds for one tier, read straight from its tables. */
  storedTier(concertId: string, code: string): Promise<StoredTier>;
  /** The bytes the waiting rooms' places take in this scenario's product database. */
  waitingRoomBytes(): Promise<number>;
  /** Runs `run` settings.runs times after one unmeasured warm-up round. */
  repeat(label: string, run: (seconds: number) => Promise<LoadResult>): Promise<LoadResult[]>;
}

export interface ScenarioResult {
  rows: Row[];
  /** Kept in the JSON's `raw` under the scenario's name. */
  raw: unknown;
  /** Set by the scenarios that others are measured against. */
  reference?: Reference;
}

export interface Scenario {
  /** As named on the command line and in the JSON's `raw`. */
  name: string;
  run(context: BenchContext): Promise<ScenarioResult>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

let progressTimer: NodeJS.Timeout | undefined;

/** A one-line status, redrawn every second with the time spent on it. */
export function progress(label: string): void {
  clearInterval(progressTimer);
  const started = Date.now();
  const draw = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stdout.write(`\r\x1b[K… ${label} (${seconds} s)`);
  };
  draw();
  progressTimer = setInterval(draw, 1000);
}

export function progressDone(): void {
  clearInterval(progressTimer);
  process.stdout.write('\r\x1b[K');
}

/**
 * Runs `run` settings.runs times, settings.seconds each, after one unmeasured warm-up round
 * (JIT, caches, connections) of settings.warmUpSeconds.
 */
export async function repeat(
  settings: Settings,
  label: string,
  run: (seconds: number) => Promise<LoadResult>,
): Promise<LoadResult[]> {
  progress(`${label}, warming up`);
  await run(settings.warmUpSeconds);
  const results: LoadResult[] = [];
  for (let i = 1; i <= settings.runs; i += 1) {
    progress(`${label}, run ${i} of ${settings.runs}`);
    results.push(await run(settings.seconds));
  }
  progressDone();
  return results;
}

/**
 * `run`, a load on `server`, with the server's own CPU time (its code and the kernel's work for
 * it) per request answered 2xx in each measured run, in microseconds: what a request costs the
 * server, steadier than its throughput on a machine it shares with the load and the database.
 */
export function withServerCpu(
  server: ServerProcess,
  run: (seconds: number) => Promise<LoadResult>,
): { run: (seconds: number) => Promise<LoadResult>; microsPerRequest: () => number } {
  const perRun: number[] = [];
  return {
    async run(seconds) {
      const before = server.cpuMs();
      const result = await run(seconds);
      const after = server.cpuMs();
      const ms = after.user + after.system - before.user - before.system;
      perRun.push((ms * 1000) / Math.max(1, result.rps * seconds));
      return result;
    },
    // The first run is `repeat`'s warm-up.
    microsPerRequest: () => median(perRun.slice(1)),
  };
}

export function summarizeLoad(results: LoadResult[]) {
  return {
    rps: median(results.map((r) => r.rps)),
    p99: median(results.map((r) => r.p99Ms)),
    failures: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}

/**
 * A throughput figure with its ratio to a reference from the same run; with `minRatio`, it
 * passes at or above that ratio and with no failed request (and whatever `also` adds).
 */
export function throughputRow(
  scenario: string,
  metric: string,
  measured: { rps: number; failures: number },
  reference: Reference,
  minRatio?: number,
  also = true,
): Row {
  const ratio = measured.rps / reference.rps;
  const row: Row = {
    scenario,
    metric,
    value: measured.rps,
    unit: '/s',
    ratio: { to: reference.name, value: ratio },
    // A reference that answered nothing makes every ratio to it meaningless, never a pass.
    pass:
      measured.failures === 0 &&
      also &&
      Number.isFinite(ratio) &&
      (minRatio === undefined || ratio >= minRatio),
  };
  if (minRatio !== undefined) row.floor = `≥ ${minRatio} × ${reference.name}`;
  return row;
}
