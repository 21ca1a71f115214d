import { z } from 'zod';

/**
 * The files of Swagger UI the reference page loads, by name. Nothing else of the package is
 * served: not its sample initializer, its README or its package.json.
 */
export const DOCS_ASSETS = ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png'] as const;

export const DocsAssetSchema = z
  .enum(DOCS_ASSETS)
  .meta({ description: 'One of the reference page’s files.' });

/** The media types the files are served as. */
export const DOCS_ASSET_MEDIA = ['text/javascript', 'text/css', 'image/png'];
