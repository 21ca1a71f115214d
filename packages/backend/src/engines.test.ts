import fs from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url);

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(new URL(file, ROOT), 'utf8'));
}

/** The lowest Node version of each range the root `engines` promises, e.g. 20.19.0 and 22.13.0. */
function promisedMinimums(range: string): string[] {
  return new semver.Range(range).set.map((comparators) =>
    String(semver.minVersion(comparators.map((comparator) => comparator.value).join(' '))),
  );
}

describe('the Node versions the project promises', () => {
  const promise = (readJson('package.json') as { engines: { node: string } }).engines.node;
  const locked = readJson('package-lock.json') as { packages: Record<string, LockedPackage> };

  it('are accepted by every package installed, so that `npm ci` warns of no engine', () => {
    const versions = [...promisedMinimums(promise), process.versions.node];
    const refusing = Object.entries(locked.packages).flatMap(([name, entry]) => {
      const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!name || !wanted) return [];
      return versions
        .filter((version) => !semver.satisfies(version, wanted))
        .map((version) => `${name}@${entry.version ?? '?'} wants Node ${wanted}, not ${version}`);
    });

    expect(versions.length).toBeGreaterThan(1);
    expect(refusing).toEqual([]);
  });
});
