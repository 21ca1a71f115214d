import path from 'node:path';
import {
  backendRoot,
  FROM_SOURCE,
  spawnServer,
  type ServerProcess,
} from '../src/test/server-process.js';

export { backendRoot, type ServerProcess };
export const repoRoot = path.resolve(backendRoot, '../..');

/** The product as `npm start` runs it. */
export function startProduct(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer([path.join(backendRoot, 'dist/main.js')], env);
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
