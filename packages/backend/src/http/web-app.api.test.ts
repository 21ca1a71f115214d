import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeWebApp } from '../test/fake-web-app.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

describe('the web app beside the API', () => {
  let app: TestApp;
  let webDir: string;
  beforeEach(async () => {
    webDir = fakeWebApp();
    app = await startTestApp({ frontendDir: webDir });
  });
  afterEach(async () => {
    await app.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  async function get(path: string) {
    const res = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html,*/*' } });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }

  it('answers every page of the app with its shell, for the app to route', async () => {
    const pages = await Promise.all(['/', '/concerts/test-concert', '/bookings'].map(get));

    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.type).toMatch(/^text\/html/);
      expect(page.text).toContain('/assets/index-abc.js');
    }
  });

  it('serves its files, the icon among them, as what they are', async () => {
    const script = await get('/assets/index-abc.js');
    const icon = await get('/favicon.svg');

    expect(script).toMatchObject({ status: 200, text: 'console.log("app");' });
    expect(script.type).toMatch(/^text\/javascript/);
    expect(icon.status).toBe(200);
    expect(icon.type).toMatch(/^image\/svg\+xml/);
  });

  it('a file that is not there is 404, never the shell in its place', async () => {
    const missing = await Promise.all(
      ['/favicon.ico', '/assets/index-old.js', '/robots.txt', '/concerts/x/logo.png'].map(get),
    );

    for (const file of missing) {
      expect(file.status).toBe(404);
      expect(file.text).not.toContain('<!doctype html>');
      expect(JSON.parse(file.text)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
});
