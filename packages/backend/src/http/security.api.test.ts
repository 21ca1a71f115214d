import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAvailabilityStream } from '../test/availability-stream.js';
import { fakeWebApp } from '../test/fake-web-app.js';
import { countRows } from '../test/inspect.js';
import { backendRoot } from '../test/server-process.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { testConfig } from '../test/test-config.js';

const CONCERT = 'test-concert';
const WEB_APP = 'https://tickets.example.com';
const CHECKOUT = { concertId: CONCERT, items: [{ tier: 'vip', quantity: 1 }] };

/** What the built web app needs: its own files only, nothing inline, nothing from elsewhere. */
const CSP =
  "default-src 'self';base-uri 'self';font-src 'self';form-action 'self';" +
  "frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';" +
  "script-src-attr 'none';style-src 'self'";

function expectDocumentHeaders(headers: Headers): void {
  expect(headers.get('content-security-policy')).toBe(CSP);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(headers.get('x-powered-by')).toBeNull();
}

/** What an API answer needs: not cached, not framed, not sniffed, HTTPS only, same origin. */
function expectAnswerHeaders(headers: Headers): void {
  expect(headers.get('cache-control')).toBe('no-store');
  expect(headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
  // Those only documents obey.
  expect(headers.get('referrer-policy')).toBeNull();
  expect(headers.get('cross-origin-opener-policy')).toBeNull();
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('security headers', () => {
  let app: TestApp;
  let webDir: string | undefined;
  afterEach(async () => {
    await app.close();
    if (webDir) fs.rmSync(webDir, { recursive: true, force: true });
    webDir = undefined;
  });

  it('every API answer carries those of an API answer: reads, writes, refusals and errors', async () => {
    app = await startTestApp();
    const shopper = app.shopper();

    const answers = {
      concerts: await shopper.request('GET', '/api/concerts'),
      checkout: await shopper.checkout(CONCERT, CHECKOUT.items),
      checkoutAnyCase: await shopper.request('POST', '/API/Holds/Checkout', CHECKOUT),
      refused: await shopper.request('POST', '/api/holds/checkout', {}),
      notFound: await shopper.request('GET', '/api/nope'),
      document: await shopper.request('GET', '/api/openapi.json'),
      health: await shopper.request('GET', '/api?probe'),
    };

    expect(Object.values(answers).map((res) => res.status)).toEqual([
      200, 201, 201, 400, 404, 200, 404,
    ]);
    for (const res of Object.values(answers)) expectAnswerHeaders(res.headers);
  });

  it('every document carries those of a document: the web app, its files and the API reference', async () => {
    webDir = fakeWebApp();
    app = await startTestApp({ frontendDir: webDir });
    const shopper = app.shopper();

    const documents = {
      page: await shopper.request('GET', '/'),
      clientRoute: await shopper.request('GET', '/concerts/test-concert'),
      asset: await shopper.request('GET', '/assets/index-abc.js'),
      apiLookalike: await fetch(`${app.url}/apiary`),
      reference: await shopper.request('GET', '/api/docs'),
      referenceScript: await shopper.request('GET', '/api/docs/docs.js'),
    };

    expect(Object.values(documents).map((res) => res.status)).toEqual([
      200, 200, 200, 200, 200, 200,
    ]);
    for (const res of Object.values(documents)) expectDocumentHeaders(res.headers);
  });

  it('an event stream carries the ones that apply to it, and none of those only documents obey', async () => {
    app = await startTestApp();

    const stream = await openAvailabilityStream(app.url, CONCERT);
    stream.close();

    expect(stream.status).toBe(200);
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    expect(stream.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(stream.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(stream.headers.get('content-security-policy')).toBeNull();
    expect(stream.headers.get('x-frame-options')).toBeNull();
  });

  it('the web app’s page has no inline script, style or handler, so the policy lets it run', () => {
    const html = fs.readFileSync(path.join(backendRoot, '../frontend/index.html'), 'utf8');

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });
});

describe('cross-origin requests', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  function withCors(origins: string[]) {
    return { config: { http: { ...testConfig().http, corsOrigins: origins } } };
  }

  function preflight(origin: string) {
    return fetch(`${app.url}/api/holds/checkout`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
  }

  it('the configured origin may call the API with the session cookie: preflight, then the write', async () => {
    app = await startTestApp(withCors([WEB_APP]));

    const pre = await preflight(WEB_APP);
    const res = await app.shopper().request('POST', '/api/holds/checkout', CHECKOUT, {
      headers: { origin: WEB_APP },
    });

    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(WEB_APP);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(WEB_APP);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(res.headers.get('set-cookie')).toMatch(/^tb_session=/);
    expect(await countRows(app.db, 'holds')).toBe(1);
  });

  it('another origin gets no CORS headers, so a browser never lets it read an answer or send a write', async () => {
    app = await startTestApp(withCors([WEB_APP]));

    const pre = await preflight('https://evil.example');
    const read = await app.shopper().request('GET', '/api/concerts', undefined, {
      headers: { origin: 'https://evil.example' },
    });

    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(await countRows(app.db, 'holds')).toBe(0);
  });

  it('without CORS_ORIGIN, no origin gets CORS headers: the web app is served same-origin', async () => {
    app = await startTestApp();

    const pre = await preflight(WEB_APP);
    const read = await app.shopper().request('GET', '/api/concerts', undefined, {
      headers: { origin: WEB_APP },
    });

    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(await countRows(app.db, 'holds')).toBe(0);
  });
});
