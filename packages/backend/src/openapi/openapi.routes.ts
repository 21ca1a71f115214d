import { createRequire } from 'node:module';
import path from 'node:path';
import send from 'send';
import { noSuchRoute } from '../http/errors.js';
import { sendText } from '../http/json.js';
import type { ApiRoute } from '../http/route-registry.js';
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
 * `GET /api/openapi.json` and the reference page at `GET /api/docs`, with its files. Open to
 * all: reading the documentation never starts a session.
 */
export function openapiRoutes(limits: OrderLimits): ApiRoute[] {
  // Built on first request, not with every app: most apps (tests, benchmarks) never serve it.
  let document: string | undefined;
  return [
    {
      method: 'GET',
      path: '/api/openapi.json',
      operationId: 'getOpenApiDocument',
      pipeline: 'open',
      handle: (_req, res) => {
        document ??= JSON.stringify(createApiDocument(limits));
        sendText(res, 'application/json; charset=utf-8', document);
      },
    },
    {
      method: 'GET',
      path: '/api/docs',
      operationId: 'getReference',
      pipeline: 'open',
      handle: (_req, res) => {
        sendText(res, 'text/html; charset=utf-8', DOCS_PAGE);
      },
    },
    {
      method: 'GET',
      path: '/api/docs/docs.js',
      operationId: 'getReferenceScript',
      pipeline: 'open',
      handle: (_req, res) => {
        sendText(res, 'text/javascript; charset=utf-8', DOCS_SCRIPT);
      },
    },
    {
      method: 'GET',
      path: '/api/docs/assets/:file',
      operationId: 'getReferenceAsset',
      pipeline: 'open',
      handle: (req, res, params) =>
        new Promise<void>((resolve, reject) => {
          const file = DocsAssetSchema.safeParse(params.file);
          if (!file.success) throw noSuchRoute(req.method, req.url);
          res.once('close', resolve);
          // Whole files only: the page never asks for part of one.
          send(req, file.data, { root: SWAGGER_UI_DIR, acceptRanges: false })
            .on('error', reject)
            .pipe(res);
        }),
    },
  ];
}
