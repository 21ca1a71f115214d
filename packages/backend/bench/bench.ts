/**
 * The on-sale rush benchmark: `npm run bench [--quick] [scenario…]`.
 * Starts the built product on a temporary database (127.0.0.1 only), runs the scenarios, prints a
 * table and writes JSON to bench-results/. Client and server share this machine's cores.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkoutLoad, bookingLoad, type LoadResult } from './load.js';
import {
  DROP_CONCERT,
  FANOUT_CONCERT,
  HOT_CONCERT,
  prepareDatabase,
  RUSH_CONCERT,
  WATCHED_CONCERT,
} from './prepare.js';
import {
  backendRoot,
  repoRoot,
  startBaseline,
  startExpressFloor,
  startProduct,
  type ServerProcess,
} from './processes.js';
import { ticketDrop } from './ticket-drop.js';
import { startWatchers } from './watcher-client.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const RUNS = quick ? 1 : 3;
const SECONDS = quick ? 3 : 10;
/** The unmeasured warm-up before a scenario's runs; --quick's is shorter, to finish in a minute. */
const WARM_UP_SECONDS = quick ? 1 : SECONDS;
const CONNECTIONS = 100;
const HOT_HOLDS = 100_000;
const WATCHERS = quick ? 2_000 : 10_000;
const FANOUT_SIZES = quick ? [1_000] : [1_000, 5_000, 10_000];
const FANOUT_CHANGES = quick ? 5 : 20;
/** The product's fan-out p99 at 10,000 watchers may be at most this many times the bare server's. */
const FANOUT_BARE_RATIO = 1.15;

const ALL = [
  'baseline',
  'checkout',
  'hot-tier',
  'watched-rush',
  'fanout',
  'ticket-drop',
  'two-processes',
  'booking',
  'express-floor',
] as const;
type ScenarioName = (typeof ALL)[number];
const chosen = args.filter((a) => !a.startsWith('--'));
for (const name of chosen) {
  if (!(ALL as readonly string[]).includes(name)) {
    console.error(`Unknown scenario "${name}". Scenarios: ${ALL.join(', ')}`);
    process.exit(2);
  }
}
const selected = new Set<ScenarioName>(chosen.length > 0 ? (chosen as ScenarioName[]) : ALL);
// Every figure is also given as a ratio to references measured in the same run.
selected.add('baseline');
selected.add('checkout');

interface Row {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  ratio?: { to: string; value: number };
  floor?: string;
  pass?: boolean;
}
const rows: Row[] = [];

/** One run of the fan-out scenario against one server: per change. */
interface FanOutRun {
  latencyMs: number[];
  changeMs: number[];
  serverCpuMs: { user: number; system: number }[];
}
const emptyRun = (): FanOutRun => ({ latencyMs: [], changeMs: [], serverCpuMs: [] });
const raw: Record<string, unknown> = {};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

let progressTimer: NodeJS.Timeout | undefined;
function progress(label: string): void {
  clearInterval(progressTimer);
  const started = Date.now();
  const draw = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stdout.write(`\r\x1b[K… ${label} (${seconds} s)`);
  };
  draw();
  progressTimer = setInterval(draw, 1000);
}
function progressDone(): void {
  clearInterval(progressTimer);
  process.stdout.write('\r\x1b[K');
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

/**
 * Runs `run` RUNS times, SECONDS each, after one unmeasured warm-up round (JIT, caches,
 * connections) of WARM_UP_SECONDS.
 */
async function repeat(
  label: string,
  run: (seconds: number) => Promise<LoadResult>,
): Promise<LoadResult[]> {
  progress(`${label}, warming up`);
  await run(WARM_UP_SECONDS);
  const results: LoadResult[] = [];
  for (let i = 1; i <= RUNS; i += 1) {
    progress(`${label}, run ${i} of ${RUNS}`);
    results.push(await run(SECONDS));
  }
  progressDone();
  return results;
}

function summarizeLoad(scenario: string, results: LoadResult[]) {
  raw[scenario] = results;
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
function throughputRow(
  scenario: string,
  metric: string,
  measured: { rps: number; failures: number },
  reference: { name: string; rps: number },
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
    pass: measured.failures === 0 && also && (minRatio === undefined || ratio >= minRatio),
  };
  if (minRatio !== undefined) row.floor = `≥ ${minRatio} × ${reference.name}`;
  return row;
}

async function main(): Promise<void> {
  buildIfNeeded();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-bench-'));
  const databasePath = path.join(dir, 'bench.db');
  progress(`preparing a database with ${HOT_HOLDS.toLocaleString()} live holds on the hot tier`);
  await prepareDatabase(databasePath, HOT_HOLDS);
  progressDone();
  // The references (the baseline, Express alone) get a copy of their own: the half-million holds
  // the baseline takes would otherwise run out 90 s later in the product's database, and the
  // product would be measured while sweeping them, work that no scenario describes.
  const referencePath = path.join(dir, 'reference.db');
  fs.copyFileSync(databasePath, referencePath);
  const env = {
    // Thousands of requests and streams a second from 127.0.0.1: the abuse limits would refuse them.
    RATE_LIMIT_SESSION_PER_MIN: '0',
    RATE_LIMIT_IP_PER_MIN: '0',
    SSE_MAX_STREAMS_PER_IP: '0',
  };
  const servers: ServerProcess[] = [];
  const serve = async (start: typeof startProduct, database = databasePath) => {
    const server = await start({ ...env, DATABASE_PATH: database });
    servers.push(server);
    return server;
  };

  try {
    const baselineServer = await serve(startBaseline, referencePath);
    const baseline = summarizeLoad(
      'baseline',
      await repeat('baseline: bare node:http, same hold transaction', (seconds) =>
        checkoutLoad(baselineServer.url, RUSH_CONCERT, CONNECTIONS, seconds),
      ),
    );
    await baselineServer.stop();
    rows.push({ scenario: '1 baseline', metric: 'holds/s', value: baseline.rps, unit: '/s' });
    const baselineRef = { name: 'baseline', rps: baseline.rps };

    const product = await serve(startProduct);
    const checkout = summarizeLoad(
      'checkout',
      await repeat('checkout throughput', (seconds) =>
        checkoutLoad(product.url, RUSH_CONCERT, CONNECTIONS, seconds),
      ),
    );
    const checkoutRef = { name: 'checkout', rps: checkout.rps };
    rows.push(throughputRow('2 checkout', 'holds/s', checkout, baselineRef, 0.5));
    rows.push({
      scenario: '2 checkout',
      metric: 'p99 latency',
      value: checkout.p99,
      unit: 'ms',
      floor: '≤ 50 ms',
      pass: checkout.p99 <= 50,
    });

    if (selected.has('hot-tier')) {
      const hot = summarizeLoad(
        'hot-tier',
        await repeat(`hot tier (${HOT_HOLDS.toLocaleString()} live holds)`, (seconds) =>
          checkoutLoad(product.url, HOT_CONCERT, CONNECTIONS, seconds),
        ),
      );
      rows.push(throughputRow('3 hot tier', 'holds/s', hot, checkoutRef, 0.9));
    }

    if (selected.has('booking')) {
      const booking = summarizeLoad(
        'booking',
        await repeat('booking: hold → book pairs', (seconds) =>
          bookingLoad(product.url, RUSH_CONCERT, CONNECTIONS, seconds),
        ),
      );
      rows.push(throughputRow('8 booking', 'hold → book pairs/s', booking, baselineRef));
    }

    if (selected.has('ticket-drop')) {
      const drops = [];
      for (let i = 1; i <= RUNS; i += 1) {
        progress(`ticket drop, run ${i} of ${RUNS}`);
        drops.push(await ticketDrop(product.url, `${DROP_CONCERT}-${i}`));
      }
      progressDone();
      raw['ticket-drop'] = drops;
      const first = drops[0];
      if (first) {
        const sellOut = median(drops.map((d) => d.sellOutMs));
        rows.push({
          scenario: '6 ticket drop',
          metric: 'time to sell out 1,000',
          value: sellOut,
          unit: 'ms',
          floor: '1,000 sold, 0 oversold, 0 5xx',
          pass: drops.every(
            (d) =>
              d.sold === 1000 && d.oversold === 0 && d.serverErrors === 0 && d.networkErrors === 0,
          ),
        });
        rows.push({
          scenario: '6 ticket drop',
          metric: 'sold / oversold / 5xx',
          value: first.sold,
          unit: `/ ${drops.map((d) => d.oversold).join(',')} / ${drops.map((d) => d.serverErrors).join(',')}`,
        });
      }
    }

    if (selected.has('two-processes')) {
      const second = await serve(startProduct);
      const results = await repeat('two processes, one database', async (seconds) => {
        const [a, b] = await Promise.all([
          checkoutLoad(product.url, RUSH_CONCERT, CONNECTIONS / 2, seconds),
          checkoutLoad(second.url, RUSH_CONCERT, CONNECTIONS / 2, seconds),
        ]);
        return {
          rps: a.rps + b.rps,
          p50Ms: Math.max(a.p50Ms, b.p50Ms),
          p99Ms: Math.max(a.p99Ms, b.p99Ms),
          non2xx: a.non2xx + b.non2xx,
          errors: a.errors + b.errors,
        };
      });
      await second.stop();
      const two = summarizeLoad('two-processes', results);
      rows.push(throughputRow('7 two processes', 'holds/s (sum)', two, checkoutRef, 0.9));
    }

    if (selected.has('watched-rush')) {
      const watchers = startWatchers();
      progress(`connecting ${WATCHERS.toLocaleString()} watchers`);
      await watchers.connect(product.url, WATCHED_CONCERT, WATCHERS);
      const watched = summarizeLoad(
        'watched-rush',
        await repeat(`checkouts with ${WATCHERS.toLocaleString()} watchers`, (seconds) =>
          checkoutLoad(product.url, WATCHED_CONCERT, CONNECTIONS, seconds),
        ),
      );
      progress('waiting for the last events');
      const stored = await fetch(`${product.url}/api/concerts/${WATCHED_CONCERT}`).then(
        (r) => r.json() as Promise<{ concert: { tiers: { held: number; sold: number }[] } }>,
      );
      let state = await watchers.state();
      for (let i = 0; i < 50 && !lastEventsMatch(state, stored.concert.tiers); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        state = await watchers.state();
      }
      progressDone();
      watchers.close();
      const consistent = lastEventsMatch(state, stored.concert.tiers);
      rows.push({
        ...throughputRow(
          '4 watched rush',
          `holds/s, ${WATCHERS.toLocaleString()} watchers`,
          watched,
          checkoutRef,
          0.7,
          consistent,
        ),
        floor: '≥ 0.7 × checkout; last events = stored',
      });
    }

    // The scenarios below run servers of their own. Left running, this one would sweep the
    // earlier scenarios' holds as they run out, competing with them for the two cores.
    await product.stop();

    if (selected.has('fanout')) {
      // A process of its own, so its memory is the watchers' and not what earlier loads left.
      const fresh = await serve(startProduct);
      // The reference: the bare server, writing each change to its streams in one plain loop.
      const bare = await serve(startBaseline, referencePath);
      const productSide = { server: fresh, watchers: startWatchers(), cookie: '', tickets: 1 };
      const bareSide = { server: bare, watchers: startWatchers(), cookie: '', tickets: 1 };
      const sides = [productSide, bareSide];
      let connected = 0;
      const before = fresh.rssBytes();
      const fanout: Record<string, { product: FanOutRun[]; bare: FanOutRun[] }> = {};
      // Each change is one shopper's checkout for two tickets, then one, then two…: it replaces
      // the hold before and keeps it alive. Holds left to run out would be changes of their own
      // (swept by the cleanup job), and a measured change right after one would wait out the
      // coalescing gap (five times that fan-out's duration) on a concert no longer quiet.
      const change = async (side: typeof productSide) => {
        side.tickets = 3 - side.tickets;
        const res = await fetch(`${side.server.url}/api/holds/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: side.cookie },
          body: JSON.stringify({
            concertId: FANOUT_CONCERT,
            items: [{ tier: 'ga', quantity: side.tickets }],
          }),
        });
        if (!res.ok)
          throw new Error(`fan-out change refused: ${String(res.status)} ${await res.text()}`);
        await res.arrayBuffer();
        side.cookie = res.headers.getSetCookie()[0]?.split(';', 1)[0] ?? side.cookie;
      };
      // Unmeasured: the first request of a process loads code on both sides (the server's
      // checkout path, this process's HTTP client), which no change in a rush waits for.
      for (const side of sides) await change(side);
      for (const size of FANOUT_SIZES) {
        progress(`connecting ${size.toLocaleString()} watchers to each server`);
        for (const { server, watchers } of sides) {
          await watchers.connect(server.url, FANOUT_CONCERT, size - connected);
        }
        connected = size;
        // Like every other figure, the median of RUNS runs: here, of each run's p99. The two
        // servers take turns, change by change, so both are measured on the machine as it is.
        const runs = { product: [] as FanOutRun[], bare: [] as FanOutRun[] };
        for (let run = 1; run <= RUNS; run += 1) {
          const product = emptyRun();
          const reference = emptyRun();
          for (let i = 0; i < FANOUT_CHANGES; i += 1) {
            progress(
              `fan-out to ${size.toLocaleString()} watchers, run ${run} of ${RUNS}, change ${i + 1}`,
            );
            for (const [side, into] of [
              [productSide, product],
              [bareSide, reference],
            ] as const) {
              const { versions } = await side.watchers.state();
              const target = Math.max(...versions) + 1;
              const cpuBefore = side.server.cpuMs();
              const sentAt = performance.timeOrigin + performance.now();
              const arrived = side.watchers.expect(target, sentAt);
              await change(side);
              // Until the change's answer: its own share of the fan-out's latency.
              into.changeMs.push(performance.timeOrigin + performance.now() - sentAt);
              into.latencyMs.push(await arrived);
              const cpuAfter = side.server.cpuMs();
              into.serverCpuMs.push({
                user: cpuAfter.user - cpuBefore.user,
                system: cpuAfter.system - cpuBefore.system,
              });
              // A quiet concert: the next change comes well after this one's fan-out.
              await new Promise((resolve) => setTimeout(resolve, 300 + size / 10));
            }
          }
          runs.product.push(product);
          runs.bare.push(reference);
        }
        fanout[size] = runs;
        const p99 = median(runs.product.map((run) => percentile(run.latencyMs, 99)));
        const bareP99 = median(runs.bare.map((run) => percentile(run.latencyMs, 99)));
        rows.push({
          scenario: '5 fan-out',
          metric: `p99 to last of ${size.toLocaleString()}`,
          value: p99,
          unit: 'ms',
          ratio: { to: 'bare server', value: p99 / bareP99 },
          // Judged against a server with no product code, measured in the same run: on a shared
          // two-core machine an absolute figure says more about the machine than about the code.
          floor: size === 10_000 ? `≤ ${FANOUT_BARE_RATIO} × bare server` : undefined,
          pass: size === 10_000 ? p99 <= FANOUT_BARE_RATIO * bareP99 : undefined,
        });
        rows.push({
          scenario: '5 fan-out',
          // Sending one event to each socket is a system call each: mostly the kernel's time.
          metric: `server CPU per change to ${size.toLocaleString()}`,
          value: median(
            runs.product.flatMap((run) => run.serverCpuMs.map(({ user, system }) => user + system)),
          ),
          unit: 'ms',
        });
        rows.push({
          scenario: 'reference',
          metric: `bare server, p99 to last of ${size.toLocaleString()}`,
          value: bareP99,
          unit: 'ms',
        });
      }
      const perThousand = ((fresh.rssBytes() - before) / connected) * 1000;
      progressDone();
      for (const { watchers } of sides) watchers.close();
      await bare.stop();
      raw.fanout = fanout;
      // Over --quick's 1,000 watchers the server's fixed costs (the stream code loaded, its
      // buffers) outweigh the watchers' own: the floor is judged on the full run's 10,000.
      rows.push({
        scenario: '5 fan-out',
        metric: `memory per 1,000 watchers (of ${connected.toLocaleString()})`,
        value: perThousand / 1024 / 1024,
        unit: 'MB',
        floor: quick ? undefined : '≤ 15 MB',
        pass: quick ? undefined : perThousand / 1024 / 1024 <= 15,
      });
    }

    // Last, so the holds it leaves do not weigh on the product's figures.
    if (selected.has('express-floor')) {
      const floorServer = await serve(startExpressFloor, referencePath);
      const floor = summarizeLoad(
        'express-floor',
        await repeat('Express alone: one route, same hold transaction', (seconds) =>
          checkoutLoad(floorServer.url, RUSH_CONCERT, CONNECTIONS, seconds),
        ),
      );
      await floorServer.stop();
      // A reference, like the baseline: no floor of its own.
      rows.push({
        ...throughputRow('reference', 'Express alone, holds/s', floor, baselineRef),
        pass: undefined,
      });
    }
  } finally {
    progressDone();
    await Promise.all(servers.map((server) => server.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report();
}

function lastEventsMatch(
  state: { versions: number[]; lastData: string[] },
  tiers: { held: number; sold: number }[],
): boolean {
  if (state.lastData.length !== 1 || new Set(state.versions).size !== 1) return false;
  const event = JSON.parse(state.lastData[0] ?? '{}') as {
    tiers?: { held: number; sold: number }[];
  };
  const counts = (list: { held: number; sold: number }[]) =>
    JSON.stringify(list.map(({ held, sold }) => [held, sold]));
  return counts(event.tiers ?? []) === counts(tiers);
}

function format(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${unit}`.trim();
}

function report(): void {
  const table = rows.map((row) => [
    row.scenario,
    row.metric,
    format(row.value, row.unit),
    row.ratio ? `${row.ratio.value.toFixed(2)} × ${row.ratio.to}` : '',
    row.floor ?? '',
    row.pass === undefined ? '' : row.pass ? 'ok' : 'BELOW',
  ]);
  const header = [
    'scenario',
    'metric',
    quick ? 'value' : `median of ${RUNS}`,
    'ratio',
    'floor',
    '',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.info(line(header));
  console.info(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.info(line(r));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.info(
    `\n${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.` +
      ' The load generator and the servers share these cores.',
  );
  const out = path.join(repoRoot, 'bench-results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        quick,
        runs: RUNS,
        secondsPerRun: SECONDS,
        machine: {
          cpus: os.cpus().length,
          cpu,
          memoryGiB: os.totalmem() / 2 ** 30,
          node: process.version,
        },
        rows,
        raw,
      },
      null,
      2,
    ),
  );
  console.info(`Results: ${path.relative(repoRoot, file)}`);
}

await main();
