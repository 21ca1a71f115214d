import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './test/server-process.js';

describe('the server process', () => {
  let server: ServerProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    server = undefined;
  });

  it('on a new database, migrates and seeds the demo concerts so the first run has something to show', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-main-'));
    server = await startServerProcess({ DATABASE_PATH: path.join(dir, 'new.db') });

    const res = await fetch(`${server.url}/api/concerts`);
    const body = (await res.json()) as { concerts: unknown[] };

    expect(res.status).toBe(200);
    expect(body.concerts.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses to start on invalid configuration and names every bad variable', async () => {
    const start = startServerProcess({ HOLD_DURATION_MS: 'ten minutes', PORT: '70000' });

    await expect(start).rejects.toThrow(
      /exited with 1[\s\S]*HOLD_DURATION_MS[\s\S]*PORT|PORT[\s\S]*HOLD_DURATION_MS/,
    );
  });

  it('logs JSON lines: a refused start is one fatal line listing the bad variables', async () => {
    let message = '';
    try {
      server = await startServerProcess({ LOG_LEVEL: 'loud' });
    } catch (error) {
      message = (error as Error).message;
    }

    const [heading, ...output] = message.split('\n').filter(Boolean);
    expect(heading).toBe('server exited with 1:');
    expect(output.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        level: 'fatal',
        msg: 'Invalid configuration',
        problems: [
          'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        ],
      }),
    ]);
  });
});
