/** One sample of a Prometheus text exposition: a metric name, its labels and its value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  samples: Sample[];
  /** The value of the one sample with this name and (at least) these labels; 0 if none. */
  value(name: string, labels?: Record<string, string>): number;
}

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** GETs `/metrics` and reads the samples, as Prometheus would. */
export async function scrapeMetrics(baseUrl: string): Promise<Scrape> {
  const res = await fetch(`${baseUrl}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const samples: Sample[] = [];
  for (const line of (await res.text()).split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match?.[1] || !match[3]) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(LABEL)].map(([, key, value]) => [key, value]),
    );
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return {
    samples,
    value(name, labels = {}) {
      const found = samples.filter(
        (s) =>
          s.name === name &&
          Object.entries(labels).every(([key, value]) => s.labels[key] === value),
      );
      if (found.length > 1) throw new Error(`${found.length} samples match ${name}`);
      return found[0]?.value ?? 0;
    },
  };
}
