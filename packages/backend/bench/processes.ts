import fs from 'node:fs';
import path from 'node:path';
import {
  backendRoot,
  FROM_SOURCE,
  spawnServer,
  type ServerProcess,
} from '../src/test/server-process.js';

export { backendRoot, type ServerProcess };
export const repoRoot = path.resolve(backendRoot, '../..');

/** The arguments `npm start` gives node (its flags, then the entry point), read from its script. */
function startArguments(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(backendRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = manifest.scripts.start.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${String(command)}, not node`);
  return args;
}

/** The product as `npm start` runs it, sending its mail as it does by default. */
export function startProduct(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer(startArguments(), { MAIL_POLL_INTERVAL_MS: '1000', ...env });
}

/** The bare node:http server doing the same hold transaction. */
export function startBaseline(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer([...FROM_SOURCE, path.join(backendRoot, 'bench/baseline-server.ts')], env);
}

/** The least Express app over the same hold transaction: the framework's own cost. */
export function startExpressFloor(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer(
    [...FROM_SOURCE, path.join(backendRoot, 'bench/express-floor-server.ts')],
    env,
  );
}

/**
 * The bare node:http server taking the same checkout through pg in one transaction per batch,
 * with the product's own statements or the leanest known.
 */
export function startPostgresCeiling(
  statements: 'product' | 'lean',
): (env: Record<string, string>) => Promise<ServerProcess> {
  return (env) =>
    spawnServer([...FROM_SOURCE, path.join(backendRoot, 'bench/pg-ceiling-server.ts')], {
      ...env,
      CEILING_STATEMENTS: statements,
    });
}
