import { median, progress, progressDone, type Row, type Scenario } from '../harness.js';
import { WAITING_CONCERT } from '../prepare.js';
import { startProduct } from '../processes.js';
import { WAITING_ROOM_ENV, waitingRoomRun, type WaitingRoomResult } from '../waiting-room.js';

/**
 * On-sale through a waiting room, in one run: 50,000 shoppers (5,000 with --quick) join before
 * on-sale, each asks for its place at on-sale and checks out with its pass. Reports what a place costs the
 * server and the rush after on-sale against the same checkouts of a concert with no room.
 */
export function waitingRoomScenario(label: string): Scenario {
  return {
    name: 'waiting-room',
    async run(context) {
      const product = await context.serve((env) => startProduct({ ...env, ...WAITING_ROOM_ENV }));
      const shoppers = context.settings.quick ? 5_000 : 50_000;
      // One run: 50,000 joins take minutes, and each run needs a room of its own.
      const runs = 1;
      const results: (WaitingRoomResult & { storedPer10kBytes: number })[] = [];
      for (let i = 1; i <= runs; i += 1) {
        progress(`waiting room of ${shoppers.toLocaleString('en-US')}, run ${i} of ${runs}`);
        const before = await context.waitingRoomBytes();
        const result = await waitingRoomRun(
          product,
          `${WAITING_CONCERT}-${i}`,
          `${WAITING_CONCERT}-plain`,
          shoppers,
          100,
        );
        const grown = (await context.waitingRoomBytes()) - before;
        results.push({ ...result, storedPer10kBytes: (grown / shoppers) * 10_000 });
      }
      progressDone();
      const of = (pick: (r: (typeof results)[number]) => number) => median(results.map(pick));
      const rush = of((r) => r.rushPerSecond);
      const plain = of((r) => r.plainPerSecond);
      const failed = results.reduce((sum, r) => sum + r.failed, 0);
      const rows: Row[] = [
        {
          scenario: label,
          metric: `joins of ${shoppers.toLocaleString('en-US')} before on-sale`,
          value: of((r) => r.joinsPerSecond),
          unit: '/s',
        },
        {
          scenario: label,
          metric: 'database per 10,000 waiting (places are rows)',
          value: of((r) => r.storedPer10kBytes) / 1e6,
          unit: 'MB',
        },
        {
          scenario: label,
          metric: 'server RSS growth per 10,000 joining, after a warm-up',
          value: of((r) => r.rssPer10kBytes) / 1e6,
          unit: 'MB (no state per shopper is kept in memory)',
        },
        {
          scenario: label,
          metric: 'admission decisions (place and pass)',
          value: of((r) => r.decisionsPerSecond),
          unit: '/s',
        },
        { scenario: label, metric: 'admission p99', value: of((r) => r.decisionP99Ms), unit: 'ms' },
        {
          scenario: label,
          metric: 'a place update: server requests',
          value: 0,
          unit: `(counted down in the browser from a ${of((r) => r.placeBytes)}-byte answer)`,
        },
        {
          scenario: label,
          metric: 'checkouts with their pass after on-sale',
          value: rush,
          unit: '/s',
          ratio: { to: 'the same checkouts without a room', value: rush / plain },
          floor: '0 failed',
          pass: failed === 0,
        },
      ];
      return { rows, raw: results };
    },
  };
}
