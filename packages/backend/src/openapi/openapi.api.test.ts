import { randomUUID } from 'node:crypto';
import { compileErrors, validate } from '@readme/openapi-parser';
import express, { type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, createApp } from '../app.js';
import { sendRaw, type RawResponse } from '../test/raw-http.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { createApiDocument, openApiPath } from './document.js';
import { OPERATIONS } from './operations.js';

interface StackLayer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: StackLayer[] };
}

/** Every `METHOD /path` the app routes, read from Express's router stack, mounts included. */
function routesOf(app: Express): string[] {
  const walk = (stack: StackLayer[], mount: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const path = mount + (layer.route.path === '/' && mount ? '' : layer.route.path);
        return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${path}`);
      }
      const inner = layer.handle.stack;
      if (!inner) return [];
      return walk(inner, mount + (layer.rawPath === '/' ? '' : (layer.rawPath ?? '')));
    });
  return walk((app.router as unknown as { stack: StackLayer[] }).stack, '');
}

const DOCUMENTED = new Set(
  OPERATIONS.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`),
);

function undocumented(routes: string[]): string[] {
  return routes.filter((route) => !DOCUMENTED.has(route));
}

/** The answer to a path no route has, as opposed to a route's own 404 (no such concert). */
function routeMiss(res: RawResponse): boolean {
  return res.status === 404 && res.text.includes('"code":"NOT_FOUND"');
}

describe('the OpenAPI document', () => {
  let app: TestApp;
  let express5: Express;

  beforeAll(async () => {
    // With the organizer's token configured, so that its routes exist too.
    app = await startTestApp({ config: { adminToken: 'o'.repeat(32) } });
    express5 = createApp({ config: app.config, store: app.db, clock: app.clock }, app.services);
  });

  afterAll(async () => {
    await app.close();
  });

  it('documents every route the server exposes', () => {
    const missing = undocumented(routesOf(express5));

    expect(
      missing,
      `Routes without an entry in OPERATIONS (src/openapi/operations.ts): ${missing.join(', ')}`,
    ).toEqual([]);
  });

  it('has one operation for each route of the registry, with the same method and path', () => {
    const registry = apiRoutes(
      { config: app.config, store: app.db, clock: app.clock },
      app.services,
    ).map((route) => `${route.operationId}: ${route.method} ${route.path}`);
    const documented = OPERATIONS.map(
      (operation) =>
        `${operation.operationId}: ${operation.method.toUpperCase()} ${operation.path}`,
    );

    expect(registry.sort()).toEqual(documented.sort());
  });

  it('notices a route that is added without being documented', () => {
    const app = express();
    const router = express.Router();
    router.put('/:id', () => undefined);
    app.use('/api/bookings', router);

    expect(undocumented(routesOf(app))).toEqual(['PUT /api/bookings/:id']);
  });

  it('documents only operations the server routes: none is answered as an unknown route', async () => {
    const routes = new Set(routesOf(express5));
    const values: Record<string, string> = {
      id: 'test-concert',
      concertId: 'test-concert',
      tier: 'vip',
      file: 'swagger-ui.css',
    };

    for (const operation of OPERATIONS) {
      const route = `${operation.method.toUpperCase()} ${operation.path}`;
      const path = operation.path.replace(/:(\w+)/g, (_match, name: string) =>
        operation.path.startsWith('/api/bookings') ? randomUUID() : (values[name] ?? name),
      );
      const res = await sendRaw(app.url, { method: operation.method.toUpperCase(), path });

      expect(routes.has(route), route).toBe(true);
      expect(routeMiss(res), route).toBe(false);
    }
  });

  it('is valid OpenAPI 3.1', async () => {
    const document = createApiDocument(app.config);

    const result = await validate(structuredClone(document) as never);

    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('is served at /api/openapi.json, for the configured limits, without starting a session', async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);

    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const served: unknown = await res.json();
    expect(served).toEqual(JSON.parse(JSON.stringify(createApiDocument(app.config))));
    expect(Object.keys((served as { paths: object }).paths)).toEqual([
      ...new Set(OPERATIONS.map((operation) => openApiPath(operation.path))),
    ]);
  });

  it('serves the reference page at /api/docs with every file it loads, under the CSP, without a session', async () => {
    const page = await fetch(`${app.url}/api/docs`);
    const html = await page.text();
    const loads = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script>|<style|style="|https?:\/\//);
    expect(loads).toHaveLength(4);
    for (const file of loads) {
      const res = await fetch(app.url + file);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('set-cookie'), file).toBeNull();
      expect(res.headers.get('content-type'), file).toMatch(
        /^(text\/css|text\/javascript|image\/png)/,
      );
    }
  });

  it('serves only the files the reference page loads, none of the rest of Swagger UI’s package', async () => {
    const unused = [
      'swagger-initializer.js',
      'index.html',
      'README.md',
      'package.json',
      'swagger-ui.js',
      'swagger-ui.css.map',
      'oauth2-redirect.html',
      'favicon-16x16.png',
      '..%2Fpackage.json',
    ];

    const answers = await Promise.all(
      unused.map(async (file) => {
        const res = await fetch(`${app.url}/api/docs/assets/${file}`);
        const body = (await res.json()) as { error: { code: string } };
        return {
          file,
          status: res.status,
          code: body.error.code,
          cookie: res.headers.get('set-cookie'),
        };
      }),
    );

    expect(answers).toEqual(
      unused.map((file) => ({ file, status: 404, code: 'NOT_FOUND', cookie: null })),
    );
  });
});
