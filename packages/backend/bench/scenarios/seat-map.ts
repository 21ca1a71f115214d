import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { planSeats, seatLabel } from '@ticket-booking/shared';
import { median, progress, progressDone, type Row, type Scenario } from '../harness.js';
import { SEATED_CONCERT, SEATED_SIZES } from '../prepare.js';
import { repoRoot } from '../processes.js';
import { arenaPlan } from '../seat-drop.js';
import { seatMapRender } from '../seat-map-render.js';

/** Builds the web app the server serves unless its build is newer than its sources. */
function buildWebAppIfNeeded(): void {
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  const index = path.join(repoRoot, 'packages/frontend/dist/index.html');
  const sources = Math.max(
    newest(path.join(repoRoot, 'packages/frontend/src')),
    newest(path.join(repoRoot, 'packages/shared/src')),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return;
  progress('building the web app');
  execSync('npm run build -w @ticket-booking/frontend', { cwd: repoRoot, stdio: 'ignore' });
}

/**
 * A seated concert's page in Chromium at a phone's size: how long until every seat of a 2,000-
 * and a 20,000-seat map is drawn, and how long a seat another shopper holds takes to show.
 */
export const seatMap: Scenario = {
  name: 'seat-map',
  async run(context) {
    buildWebAppIfNeeded();
    const product = await context.product();
    const rows: Row[] = [];
    const raw = [];
    for (const seats of SEATED_SIZES) {
      const all = planSeats(arenaPlan(seats));
      const results = [];
      for (let i = 1; i <= context.settings.runs; i += 1) {
        progress(`seat map of ${seats.toLocaleString('en-US')} seats in Chromium, run ${i}`);
        // A seat of the back row, a new one each run: free, and far from the first drawn.
        const seat = all[all.length - i];
        if (!seat) throw new Error('no seat to hold');
        results.push(
          await seatMapRender(product.url, `${SEATED_CONCERT}-${seats}`, seats, {
            id: seat.id,
            label: seatLabel(seat),
          }),
        );
      }
      raw.push(...results);
      const label = `${seats.toLocaleString('en-US')} seats`;
      rows.push(
        {
          scenario: '12 seat map',
          metric: `first render, ${label}, phone`,
          value: median(results.map((r) => r.firstRenderMs)),
          unit: 'ms',
        },
        {
          scenario: '12 seat map',
          metric: `live change repainted, ${label}`,
          value: median(results.map((r) => r.repaintMs)),
          unit: 'ms',
        },
        {
          scenario: '12 seat map',
          metric: `another's hold on screen, ${label}`,
          value: median(results.map((r) => r.onScreenMs)),
          unit: 'ms',
        },
      );
    }
    progressDone();
    return { rows, raw };
  },
};
