import { median, percentile, progress, progressDone, type Row, type Scenario } from '../harness.js';
import { FANOUT_CONCERT } from '../prepare.js';
import { startBaseline } from '../processes.js';
import { startWatchers } from '../watcher-client.js';

/** The product's fan-out p99 at 10,000 watchers may be at most this many times the bare server's. */
const FANOUT_BARE_RATIO = 1.15;

/** One run of the fan-out scenario against one server: per change. */
interface FanOutRun {
  latencyMs: number[];
  changeMs: number[];
  serverCpuMs: { user: number; system: number }[];
}
const emptyRun = (): FanOutRun => ({ latencyMs: [], changeMs: [], serverCpuMs: [] });

/** How long one change takes to reach the last of many watchers, beside the bare server's. */
export const fanout: Scenario = {
  name: 'fanout',
  async run(context) {
    const { quick, runs: runCount } = context.settings;
    const sizes = quick ? [1_000] : [1_000, 5_000, 10_000];
    const changes = quick ? 5 : 20;
    const rows: Row[] = [];
    // The scenario's own process: its memory is the watchers', not what earlier loads left.
    const fresh = await context.product();
    // The reference: the bare server, writing each change to its streams in one plain loop.
    const bare = await context.serve(startBaseline, await context.copy());
    const productSide = { server: fresh, watchers: startWatchers(), cookie: '', tickets: 1 };
    const bareSide = { server: bare, watchers: startWatchers(), cookie: '', tickets: 1 };
    const sides = [productSide, bareSide];
    let connected = 0;
    const before = fresh.rssBytes();
    const fanoutRuns: Record<string, { product: FanOutRun[]; bare: FanOutRun[] }> = {};
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
    for (const size of sizes) {
      progress(`connecting ${size.toLocaleString()} watchers to each server`);
      for (const { server, watchers } of sides) {
        await watchers.connect(server.url, FANOUT_CONCERT, size - connected);
      }
      connected = size;
      // Like every other figure, the median of the runs: here, of each run's p99. The two
      // servers take turns, change by change, so both are measured on the machine as it is.
      const runs = { product: [] as FanOutRun[], bare: [] as FanOutRun[] };
      for (let run = 1; run <= runCount; run += 1) {
        const product = emptyRun();
        const reference = emptyRun();
        for (let i = 0; i < changes; i += 1) {
          progress(
            `fan-out to ${size.toLocaleString()} watchers, run ${run} of ${runCount}, change ${i + 1}`,
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
      fanoutRuns[size] = runs;
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
    return { rows, raw: fanoutRuns };
  },
};
