import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row, Settings } from './harness.js';
import { repoRoot } from './processes.js';

function format(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${unit}`.trim();
}

function verdict(row: Row): string {
  if (row.pass === undefined) return '';
  if (row.aim) return row.pass ? 'met' : 'not yet';
  return row.pass ? 'ok' : 'BELOW';
}

/**
 * Prints the table and writes it, with every run's raw figures, to bench-results/ (a
 * PostgreSQL run's file ends in -postgres, which the chart leaves alone).
 */
export function report(
  settings: Settings,
  target: { store: string; database: string },
  rows: Row[],
  raw: Record<string, unknown>,
): void {
  const { quick, runs } = settings;
  const table = rows.map((row) => [
    row.scenario,
    row.metric,
    format(row.value, row.unit),
    row.ratio ? `${row.ratio.value.toFixed(2)} × ${row.ratio.to}` : '',
    row.floor === undefined ? '' : `${row.aim ? 'aim: ' : ''}${row.floor}`,
    verdict(row),
  ]);
  const header = [
    'scenario',
    'metric',
    quick ? 'value' : `median of ${runs}`,
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
      ` The load generator and the servers share these cores. Database: ${target.database}.`,
  );
  const out = path.join(repoRoot, 'bench-results');
  fs.mkdirSync(out, { recursive: true });
  const suffix = target.store === 'sqlite' ? '' : `-${target.store}`;
  const file = path.join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}${suffix}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        quick,
        store: target.store,
        database: target.database,
        runs,
        secondsPerRun: settings.seconds,
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
