import { createRequire } from 'node:module';
import path from 'node:path';
import { Router } from 'express';
import { apiNotFound } from '../http/errors.js';
import { DocsAssetSchema } from './docs-assets.js';
import { createApiDocument } from './document.js';
import type { OrderLimits } from './operations.js';

/** Swagger UI's prebuilt files, served from the installed package: the page needs no network. */
const SWAGGER_UI_DIR = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

/**
 * The reference page. Everything it loads is a file of this origin and nothing is inline, so it
 * runs under the app's Content-Security-Policy as it is.
 */
const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Ticket booking API</title>
    <link rel="icon" href="/api/docs/assets/favicon-32x32.png" />
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="reference"></div>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/docs.js"></script>
  </body>
</html>
`;

// No validator badge: it would send the document to a third party.
const DOCS_SCRIPT = `SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  validatorUrl: null,
  withCredentials: true,
});
`;

/**
 * `GET /api/openapi.json` and the reference page at `GET /api/docs`. Mounted before sessions:
 * reading the documentation never starts one.
 */
export function openapiRouter(limits: OrderLimits): Router {
  const router = Router();
  // Built on first request, not with every app: most apps (tests, benchmarks) never serve it.
  let document: string | undefined;

  router.get('/openapi.json', (_req, res) => {
    document ??= JSON.stringify(createApiDocument(limits));
    res.type('application/json').send(document);
  });

  router.get('/docs', (_req, res) => {
    res.type('text/html').send(DOCS_PAGE);
  });

  router.get('/docs/docs.js', (_req, res) => {
    res.type('text/javascript').send(DOCS_SCRIPT);
  });

  router.get('/docs/assets/:file', (req, res, next) => {
    const file = DocsAssetSchema.safeParse(req.params.file);
    if (!file.success) {
      apiNotFound(req, res, next);
      return;
    }
    // Whole files only: the page never asks for part of one.
    res.sendFile(file.data, { root: SWAGGER_UI_DIR, acceptRanges: false }, (error?: Error) => {
      if (error) next(error);
    });
  });

  return router;
}
