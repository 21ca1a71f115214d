import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const backendRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(backendRoot, '../..');

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident memory of the process, from /proc. */
  rssBytes(): number;
  stop(): Promise<void>;
}

/** Starts a Node server process and waits for its "listening on <url>" line. */
export async function startServer(
  args: string[],
  env: Record<string, string>,
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: backendRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rssBytes() {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return Number(kb ?? 0) * 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The product as `npm start` runs it. */
export function startProduct(env: Record<string, string>): Promise<ServerProcess> {
  return startServer([path.join(backendRoot, 'dist/main.js')], env);
}

/** The bare node:http server doing the same hold transaction. */
export function startBaseline(env: Record<string, string>): Promise<ServerProcess> {
  return startServer(
    [
      '--import',
      'tsx',
      '--conditions=@ticket-booking/source',
      path.join(backendRoot, 'bench/baseline-server.ts'),
    ],
    env,
  );
}
