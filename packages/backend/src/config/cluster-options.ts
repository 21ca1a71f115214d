import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';

/**
 * More instances than that on one host would only compete for its cores; the limit is there so
 * that a typo cannot start thousands of processes.
 */
const MAX_INSTANCES = 64;

export interface ClusterConfig {
  /** How many server processes share the port. */
  instances: number;
  /** What every instance runs with, read from the environment as `npm start` reads it. */
  config: Config;
}

/** The value of `--instances`, adding what is wrong with the command line to `problems`. */
function instancesIn(args: string[], problems: string[]): number {
  let value: string | undefined;
  try {
    value = parseArgs({ args, options: { instances: { type: 'string' } } }).values.instances;
  } catch (error) {
    // Node names the option or argument: "Unknown option '--instance'", "Option '--instances
    // <value>' argument missing".
    problems.push(`command line: ${(error as Error).message}`);
    return 0;
  }
  if (value === undefined) return Math.min(availableParallelism(), MAX_INSTANCES);
  const instances = Number(value);
  if (!/^\d+$/.test(value)) problems.push(`--instances: must be a whole number (got "${value}")`);
  else if (instances < 1) problems.push(`--instances: must be at least 1 (got "${value}")`);
  else if (instances > MAX_INSTANCES) {
    problems.push(`--instances: must be at most ${MAX_INSTANCES} (got "${value}")`);
  }
  return instances;
}

/**
 * `npm run cluster`'s command line (`--instances N`, one per core by default) and environment,
 * checked together: every problem is reported at once, by name, as `loadConfig` does.
 */
export function loadClusterConfig(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ClusterConfig {
  const problems: string[] = [];
  const instances = instancesIn(args, problems);
  let config: Config | undefined;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || config === undefined) throw new ConfigError(problems);
  return { instances, config };
}
