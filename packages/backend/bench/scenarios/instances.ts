import {
  CONNECTIONS,
  progress,
  progressDone,
  summarizeLoad,
  throughputRow,
  type BenchContext,
  type Row,
  type Scenario,
} from '../harness.js';
import { checkoutLoad, combined } from '../load.js';
import { INSTANCES_CONCERT } from '../prepare.js';
import { startPostgresCeiling, startProduct, type ServerProcess } from '../processes.js';
import {
  lastEventsMatch,
  startWatchers,
  type Watchers,
  type WatchersState,
} from '../watcher-client.js';

/** The connections a load balancer handing them out in turn gives the `index`th of `count`. */
function connectionsFor(index: number, count: number): number {
  return Math.floor(CONNECTIONS / count) + (index < CONNECTIONS % count ? 1 : 0);
}

/** The same checkout load dealt out to `servers` in turn, measured as one. */
function splitLoad(servers: ServerProcess[], concertId: string, seconds: number) {
  return Promise.all(
    servers.map((server, i) =>
      checkoutLoad(server.url, concertId, connectionsFor(i, servers.length), seconds),
    ),
  ).then(combined);
}

/**
 * The ceiling's server, `count` processes of it on one copy of the database, under the same
 * split load: what more processes give on this machine when no product code runs, for the
 * product's instances to be read against.
 */
async function ceilingProcesses(context: BenchContext, concertId: string, count: number) {
  const database = await context.copy();
  const servers: ServerProcess[] = [];
  while (servers.length < count) {
    servers.push(await context.serve(startPostgresCeiling('product'), database));
  }
  const results = await context.repeat(`ceiling, ${count} processes, one database`, (seconds) =>
    splitLoad(servers, concertId, seconds),
  );
  await Promise.all(servers.map((server) => server.stop()));
  return summarizeLoad(results);
}

/** Every instance's watchers, as if they were one process's. */
async function stateOfAll(watchers: Watchers[]): Promise<WatchersState> {
  const states = await Promise.all(watchers.map((w) => w.state()));
  return {
    versions: states.flatMap((state) => state.versions),
    lastData: [...new Set(states.flatMap((state) => state.lastData))],
  };
}

/**
 * Server processes on one database, the checkout load's connections dealt out to them in turn,
 * each with a watcher of the concert's availability stream. Once the load stops, every watcher's
 * last event must be the same and tell the counts stored in the tier's row, which must match its
 * hold rows; no request may fail. With `aim`, the sum is expected above one instance's checkout.
 * The ceiling's server is then run as as many processes, under the same load.
 */
export function instancesScenario(count: number, aim?: number): Scenario {
  return {
    name: `instances-${count}`,
    async run(context) {
      const concertId = `${INSTANCES_CONCERT}-${count}`;
      const servers: ServerProcess[] = [await context.product()];
      while (servers.length < count) servers.push(await context.serve(startProduct));
      progress(`connecting a watcher to each of ${count} instances`);
      const watchers = await Promise.all(
        servers.map(async (server) => {
          const watcher = startWatchers();
          await watcher.connect(server.url, concertId, 1);
          return watcher;
        }),
      );
      const results = await context.repeat(`${count} instances, one database`, (seconds) =>
        splitLoad(servers, concertId, seconds),
      );
      progress('waiting for the last events');
      let consistent = false;
      for (let i = 0; i < 50 && !consistent; i += 1) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 200));
        const stored = await context.storedTier(concertId, 'ga');
        consistent =
          stored.heldCounter === stored.inHoldRows &&
          lastEventsMatch(await stateOfAll(watchers), [
            { held: stored.heldCounter, sold: stored.sold },
          ]);
      }
      progressDone();
      for (const w of watchers) w.close();
      await Promise.all(servers.map((server) => server.stop()));
      const measured = summarizeLoad(results);
      const ceilings = await ceilingProcesses(context, concertId, count);
      const label = '6 instances';
      const throughput = throughputRow(
        label,
        `${count} instances, holds/s (sum)`,
        measured,
        context.reference('checkout'),
      );
      if (aim !== undefined) {
        throughput.floor = `> ${aim} × checkout`;
        throughput.pass = throughput.ratio !== undefined && throughput.ratio.value > aim;
        throughput.aim = true;
      }
      const exact: Row = {
        scenario: label,
        metric: `${count} instances, failed requests; watchers`,
        value: measured.failures,
        unit: consistent ? `failed; all ${count} = stored` : 'failed; not all = stored',
        floor: '0; every watcher = stored',
        pass: measured.failures === 0 && consistent,
      };
      const latency: Row = {
        scenario: label,
        metric: `${count} instances, p99 latency`,
        value: measured.p99,
        unit: 'ms',
      };
      const reference: Row = {
        ...throughputRow(
          'reference',
          `ceiling, ${count} processes, holds/s (sum)`,
          ceilings,
          context.reference('ceiling'),
        ),
        pass: undefined,
      };
      return {
        rows: [throughput, latency, exact, reference],
        raw: { results, consistent, ceilings },
      };
    },
  };
}
