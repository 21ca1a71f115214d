/**
 * The on-sale rush benchmark:
 * `npm run bench [-- --quick] [--only name,…] [name…] [--store postgres [--database-url url]]`.
 * Prepares a temporary database (with --store postgres, databases of its own on the PostgreSQL
 * server, dropped at the end), runs the store's scenarios, each with servers of its own on
 * 127.0.0.1 and a copy of the database as prepared, prints a table and writes JSON to
 * bench-results/. Client and servers share this machine's cores.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { postgresAnswers } from '../src/db/postgres/driver.js';
import {
  progress,
  progressDone,
  repeat,
  settingsFor,
  type BenchContext,
  type Reference,
  type Row,
  type Scenario,
} from './harness.js';
import { sqliteDatabases, type BenchDatabase, type BenchDatabases } from './databases.js';
import { DEFAULT_POSTGRES_SERVER, postgresDatabases, postgresVersion } from './postgres.js';
import { HOT_HOLDS } from './prepare.js';
import { backendRoot, repoRoot, startProduct, type ServerProcess } from './processes.js';
import { report } from './report.js';
import { SCENARIO_TABLES, type ScenarioTable, type StoreName } from './scenarios/index.js';

/** The scenarios named on the command line, with the references, in the table's order. */
function chosenScenarios(table: ScenarioTable, names: string[]): Scenario[] {
  const known = table.scenarios.map((scenario) => scenario.name);
  for (const name of names) {
    if (!known.includes(name)) {
      console.error(`Unknown scenario "${name}". Scenarios: ${known.join(', ')}`);
      process.exit(2);
    }
  }
  if (names.length === 0) return [...table.scenarios];
  const wanted = new Set([...names, ...table.references]);
  return table.scenarios.filter((scenario) => wanted.has(scenario.name));
}

/** Builds shared and backend unless dist/ is newer than every source file. */
function buildIfNeeded(): void {
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  const main = path.join(backendRoot, 'dist/main.js');
  const sources = Math.max(
    newest(path.join(backendRoot, 'src')),
    newest(path.join(repoRoot, 'packages/shared/src')),
  );
  if (fs.existsSync(main) && fs.statSync(main).mtimeMs > sources) return;
  progress('building');
  execSync('npm run build -w @ticket-booking/shared -w @ticket-booking/backend', {
    cwd: repoRoot,
    stdio: 'ignore',
  });
  progressDone();
}

function commandLine() {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        store: { type: 'string', default: 'sqlite' },
        'database-url': { type: 'string' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

function isStoreName(name: string): name is StoreName {
  return Object.hasOwn(SCENARIO_TABLES, name);
}

/** The databases the run measures on: SQLite files in `dir`, or databases of their own on a server. */
async function databasesFor(
  store: StoreName,
  dir: string,
  serverUrl: string | undefined,
): Promise<BenchDatabases> {
  if (store === 'sqlite') return sqliteDatabases(dir);
  const server = serverUrl ?? process.env.PG_BENCH_URL ?? DEFAULT_POSTGRES_SERVER;
  if (!URL.canParse(server) || !(await postgresAnswers(server))) {
    const where = URL.canParse(server) ? new URL(server).host : server;
    console.error(
      `PostgreSQL does not answer at ${where}: start it, or name a server with --database-url or PG_BENCH_URL (postgres://user@host:5432/postgres).`,
    );
    process.exit(2);
  }
  return postgresDatabases(server, await postgresVersion(server));
}

async function main(): Promise<void> {
  const { values, positionals } = commandLine();
  if (!isStoreName(values.store)) {
    console.error(
      `Unknown store "${values.store}". Stores: ${Object.keys(SCENARIO_TABLES).join(', ')}`,
    );
    process.exit(2);
  }
  const storeName = values.store;
  const settings = settingsFor(values.quick);
  const scenarios = chosenScenarios(SCENARIO_TABLES[storeName], [
    ...positionals,
    ...(values.only?.split(',').filter(Boolean) ?? []),
  ]);

  buildIfNeeded();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-bench-'));
  const databases = await databasesFor(storeName, dir, values['database-url']);
  const servers: ServerProcess[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      progressDone();
      await Promise.all(servers.map((server) => server.stop()));
      await databases.remove();
      fs.rmSync(dir, { recursive: true, force: true });
    })());
  // Ctrl-C or a stop leaves no server running and no database behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanUp().finally(() => process.exit(128 + os.constants.signals[signal]));
    });
  }

  const env = {
    // Thousands of requests and streams a second from 127.0.0.1: the abuse limits would refuse them.
    RATE_LIMIT_SESSION_PER_MIN: '0',
    RATE_LIMIT_IP_PER_MIN: '0',
    SSE_MAX_STREAMS_PER_IP: '0',
    MAX_TICKETS_HELD_PER_ADDRESS: '0',
  };
  const references = new Map<string, Reference>();
  // Each scenario's product server and database, made when it first asks for them.
  let product: Promise<ServerProcess> | undefined;
  let productDatabase: Promise<BenchDatabase> | undefined;
  const scenarioDatabase = () => (productDatabase ??= databases.copy());
  const context: BenchContext = {
    settings,
    tempDir: dir,
    copy: async () => (await databases.copy()).env,
    async serve(start, database) {
      const server = await start({ ...env, ...(database ?? (await scenarioDatabase()).env) });
      servers.push(server);
      return server;
    },
    product: () => (product ??= context.serve(startProduct)),
    reference(name) {
      const found = references.get(name);
      if (!found) throw new Error(`the ${name} scenario has not run yet`);
      return found;
    },
    storedTier: async (concertId, code) => (await scenarioDatabase()).storedTier(concertId, code),
    waitingRoomBytes: async () => (await scenarioDatabase()).waitingRoomBytes(),
    repeat: (label, run) => repeat(settings, label, run),
  };
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};

  try {
    progress(
      `preparing the database (${databases.description}), ${HOT_HOLDS.toLocaleString()} live holds on the hot tier`,
    );
    await databases.prepare(HOT_HOLDS);
    progressDone();
    for (const scenario of scenarios) {
      const result = await scenario.run(context);
      rows.push(...result.rows);
      raw[scenario.name] = result.raw;
      if (result.reference) references.set(result.reference.name, result.reference);
      // Left running, the server would sweep this scenario's holds as they run out, during the
      // next one.
      if (product) await (await product).stop();
      product = undefined;
      productDatabase = undefined;
    }
  } finally {
    await cleanUp();
  }
  report(settings, { store: storeName, database: databases.description }, rows, raw);
}

await main();
