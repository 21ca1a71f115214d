import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { spawnServer } from '../../backend/src/test/server-process.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Debian's Chromium; browsers are never downloaded. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium"`,
    );
  }
  // Playwright gives every launch a fresh, temporary profile.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface ProductServer {
  url: string;
  databasePath: string;
  stop(): Promise<void>;
}

/**
 * Runs the built product (`npm start`'s server) on 127.0.0.1, a free port and a fresh database,
 * with the given environment on top. Build first (`npm run build`).
 */
export async function startProductServer(env: Record<string, string> = {}): Promise<ProductServer> {
  const main = path.join(repoRoot, 'packages/backend/dist/main.js');
  if (!fs.existsSync(main)) throw new Error('The product is not built: run "npm run build" first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-e2e-'));
  const databasePath = path.join(dir, 'tickets.db');
  const server = await spawnServer([main], { DATABASE_PATH: databasePath, ...env });
  return {
    url: server.url,
    databasePath,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
