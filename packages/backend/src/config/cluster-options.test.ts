import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadClusterConfig } from './cluster-options.js';
import { ConfigError } from './config.js';

/** The problems `loadClusterConfig` refuses `args` and `env` with. */
function problemsWith(args: string[], env: NodeJS.ProcessEnv = {}): string[] {
  try {
    loadClusterConfig(args, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`loadClusterConfig accepted ${JSON.stringify(args)}`);
}

describe('loadClusterConfig', () => {
  it('takes --instances as a separate or an attached value, with the environment', () => {
    const separate = loadClusterConfig(['--instances', '3'], { PORT: '8080' });
    const attached = loadClusterConfig(['--instances=12'], {});

    expect(separate.instances).toBe(3);
    expect(separate.config.port).toBe(8080);
    expect(attached.instances).toBe(12);
  });

  it('without --instances, starts one instance per core', () => {
    expect(loadClusterConfig([], {}).instances).toBe(Math.min(availableParallelism(), 64));
  });

  it.each([
    [['--instances', '0'], '--instances: must be at least 1 (got "0")'],
    [['--instances', '65'], '--instances: must be at most 64 (got "65")'],
    [['--instances', '2.5'], '--instances: must be a whole number (got "2.5")'],
    [['--instances', ''], '--instances: must be a whole number (got "")'],
    [['--instances=-1'], '--instances: must be a whole number (got "-1")'],
  ])('refuses %j, naming the option', (args, problem) => {
    expect(problemsWith(args)).toEqual([problem]);
  });

  // Node's own words, which may grow from one version to the next.
  it.each([
    [['--instance', '3'], /^command line: Unknown option '--instance'/],
    [['3'], /^command line: Unexpected argument '3'/],
    [['--instances'], /^command line: Option '--instances <value>' argument missing/],
  ])('refuses %j, naming what it did not expect', (args, problem) => {
    expect(problemsWith(args)).toEqual([expect.stringMatching(problem)]);
  });

  it('reports a bad --instances and bad variables together', () => {
    expect(problemsWith(['--instances', 'many'], { PORT: 'http' })).toEqual([
      '--instances: must be a whole number (got "many")',
      'PORT: must be a whole number (got "http")',
    ]);
  });
});
