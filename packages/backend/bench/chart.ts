/**
 * Draws docs/performance-chart.svg from a benchmark result: `npm run bench:chart [file.json]`
 * (the newest file in bench-results/ by default).
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './processes.js';

interface Row {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  pass?: boolean;
}

function newestResult(): string {
  const dir = path.join(repoRoot, 'bench-results');
  // The chart is SQLite's: a PostgreSQL run's results end in -postgres.json.
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('-postgres.json'));
  const newest = files.sort().at(-1);
  if (!newest) throw new Error('no results in bench-results/: run npm run bench first');
  return path.join(dir, newest);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function bars(
  title: string,
  rows: Row[],
  top: number,
  unit: string,
): { svg: string; height: number } {
  const width = 800;
  const labelWidth = 310;
  const barMax = width - labelWidth - 120;
  const max = Math.max(...rows.map((r) => r.value), 1);
  let svg = `<text x="20" y="${top + 20}" font-size="15" font-weight="600">${escape(title)}</text>`;
  rows.forEach((row, i) => {
    const y = top + 36 + i * 30;
    const length = Math.max(2, (row.value / max) * barMax);
    const colour = row.pass === false ? '#e11d48' : '#4f46e5';
    svg +=
      `<text x="${labelWidth - 10}" y="${y + 15}" text-anchor="end" font-size="12">${escape(`${row.scenario} · ${row.metric}`)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${length.toFixed(1)}" height="20" rx="3" fill="${colour}"/>` +
      `<text x="${labelWidth + length + 8}" y="${y + 15}" font-size="12">${Math.round(row.value).toLocaleString('en-US')} ${unit}</text>`;
  });
  return { svg, height: 36 + rows.length * 30 + 20 };
}

const file = process.argv[2] ?? newestResult();
const result = JSON.parse(fs.readFileSync(file, 'utf8')) as {
  date: string;
  machine: { cpus: number; cpu: string; node: string };
  rows: Row[];
};
const throughput = result.rows.filter((r) => r.unit === '/s');
const latency = result.rows.filter((r) => r.unit === 'ms' && r.metric.includes('p99 to last'));
const first = bars('Throughput (median of runs)', throughput, 40, '/s');
const second = bars(
  'Fan-out: p99 until the last watcher has a change',
  latency,
  40 + first.height,
  'ms',
);
const height = 40 + first.height + second.height + 30;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${height}" font-family="system-ui, sans-serif" fill="#0f172a">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="20" y="26" font-size="17" font-weight="700">On-sale rush benchmark, ${escape(result.date.slice(0, 10))}</text>
${first.svg}
${second.svg}
<text x="20" y="${height - 12}" font-size="11" fill="#475569">${escape(`${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}; client and servers share the cores. Red: below its floor.`)}</text>
</svg>
`;
const out = path.join(repoRoot, 'docs/performance-chart.svg');
fs.writeFileSync(out, svg);
console.info(`wrote ${path.relative(repoRoot, out)} from ${path.relative(repoRoot, file)}`);
