// @vitest-environment node
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { http as mock, passthrough } from 'msw';
import { createServer, type ViteDevServer } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { server as network } from './src/test/server';
import { apiProxyTarget } from './vite.config';

const CONFIG_FILE = fileURLToPath(new URL('vite.config.ts', import.meta.url));

let api: http.Server | undefined;
let vite: ViteDevServer | undefined;

afterEach(async () => {
  await vite?.close();
  await new Promise<void>((resolve) => {
    if (api) {
      api.close(() => {
        resolve();
      });
    } else {
      resolve();
    }
  });
  api = undefined;
  vite = undefined;
  vi.unstubAllEnvs();
});

/** A stand-in API on a free port of 127.0.0.1 that says which path it was asked for. */
async function startApi(): Promise<number> {
  api = http.createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ servedBy: 'api', path: request.url }));
  });
  await new Promise<void>((resolve) => api?.listen(0, '127.0.0.1', resolve));
  return (api.address() as AddressInfo).port;
}

describe('the dev server’s API proxy', () => {
  it('sends /api to the port and host the API is configured with', async () => {
    // Real requests, not the unit tests' mocked network.
    network.use(mock.all('*', () => passthrough()));
    const port = await startApi();
    vi.stubEnv('PORT', String(port));
    vi.stubEnv('HOST', '127.0.0.1');
    vite = await createServer({
      configFile: CONFIG_FILE,
      logLevel: 'silent',
      server: { port: 0, hmr: false },
    });
    await vite.listen();
    const origin = vite.resolvedUrls?.local[0] ?? '';

    const response = await fetch(new URL('/api/concerts', origin));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ servedBy: 'api', path: '/api/concerts' });
  });

  it('uses the API’s defaults when nothing is set: 127.0.0.1:3001', () => {
    expect(apiProxyTarget({})).toBe('http://127.0.0.1:3001');
  });

  it('reaches an API listening on every interface through this machine’s loopback', () => {
    expect(apiProxyTarget({ HOST: '0.0.0.0', PORT: '4611' })).toBe('http://127.0.0.1:4611');
    expect(apiProxyTarget({ HOST: '::', PORT: '4611' })).toBe('http://[::1]:4611');
    expect(apiProxyTarget({ HOST: '::1', PORT: '4611' })).toBe('http://[::1]:4611');
    expect(apiProxyTarget({ HOST: 'localhost', PORT: '4611' })).toBe('http://localhost:4611');
  });

  it('refuses PORT=0, a port the API picks only once it starts', () => {
    expect(() => apiProxyTarget({ PORT: '0' })).toThrow(/PORT=0/);
  });

  it('refuses what the API itself would refuse, naming the variable', () => {
    expect(() => apiProxyTarget({ PORT: 'http' })).toThrow(/PORT: must be a whole number/);
  });
});
