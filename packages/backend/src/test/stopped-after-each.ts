import { afterEach } from 'vitest';
import type { RunningServer } from '../start.js';
import type { ServerProcess } from './server-process.js';
import type { TestApp } from './test-app.js';

/**
 * For tests that start apps, servers, server processes and database files: each is handed back
 * as it is registered, and stopped or removed after every test, the last started first.
 */
export function stoppedAfterEach() {
  let cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    const due = cleanups.reverse();
    cleanups = [];
    for (const cleanup of due) await cleanup();
  });
  return {
    app<T extends TestApp>(app: T): T {
      cleanups.push(() => app.close());
      return app;
    },
    /** A server started in this process; its `stop` may also be called by the test itself. */
    running(server: RunningServer): RunningServer {
      let stopped: Promise<void> | undefined;
      const stop = () => (stopped ??= server.stop());
      cleanups.push(stop);
      return { ...server, stop };
    },
    server(server: ServerProcess): ServerProcess {
      cleanups.push(() => server.stop());
      return server;
    },
    servers(servers: ServerProcess[]): ServerProcess[] {
      cleanups.push(() => Promise.all(servers.map((server) => server.stop())));
      return servers;
    },
    database<T extends { remove(): Promise<void> }>(database: T): T {
      cleanups.push(() => database.remove());
      return database;
    },
  };
}
