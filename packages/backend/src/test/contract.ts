import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { createParser } from 'eventsource-parser';
import { ERROR_STATUS, type ErrorCode } from '@ticket-booking/shared';
import { createApiDocument, openApiPath } from '../openapi/document.js';
import { OPERATIONS, type Operation } from '../openapi/operations.js';
import { testConfig } from './test-config.js';

/** What a test client saw, enough to hold it against the document. */
export interface SeenResponse {
  method: string;
  /** As requested: the query, if any, is ignored. */
  path: string;
  status: number;
  header(name: string): string | undefined;
  text: string;
}

interface ResponseObject {
  content?: Record<string, { schema?: object }>;
  headers?: Record<string, { required?: boolean }>;
}

const document = createApiDocument(testConfig());
const ajv = new Ajv2020({ strict: false, allErrors: true });
// A CommonJS module: its function is both the module and its `default`.
ajvFormats.default(ajv);
const validators = new Map<object, ValidateFunction>();

/** The schema compiled with the document's components beside it, so its `$ref`s resolve. */
function validatorFor(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: document.components });
    validators.set(schema, validate);
  }
  return validate;
}

/** Express matches paths case-insensitively and with or without a trailing slash; so does this. */
function matcherOf(operation: Operation): RegExp {
  const pattern = operation.path
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${pattern}/?$`, 'i');
}

/** Fixed paths before templated ones: `/api/holds/checkout` is not a concert's hold. */
const MATCHERS = OPERATIONS.map((operation) => ({ operation, matcher: matcherOf(operation) })).sort(
  (a, b) => (a.operation.params ? 1 : 0) - (b.operation.params ? 1 : 0),
);

function operationFor(method: string, path: string): Operation | undefined {
  const wanted = method === 'HEAD' ? 'get' : method.toLowerCase();
  return MATCHERS.find(
    ({ operation, matcher }) => operation.method === wanted && matcher.test(path),
  )?.operation;
}

function check(validate: ValidateFunction, value: unknown, what: string): void {
  if (!validate(value)) {
    throw new Error(`${what} does not match the document: ${ajv.errorsText(validate.errors)}`);
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not JSON: ${text.slice(0, 200)}`);
  }
}

function checkEventStream(schema: object, text: string, what: string): void {
  const validate = validatorFor(schema);
  const parser = createParser({
    onEvent: (event) => {
      check(validate, parseJson(event.data, `${what}, an event`), `${what}, an event`);
    },
  });
  parser.feed(text);
}

/** An answer to a path no operation has: the route miss and its kin, always an error body. */
function checkUnrouted(seen: SeenResponse, what: string): void {
  if (!seen.path.toLowerCase().startsWith('/api') || seen.method === 'HEAD') return;
  const body = parseJson(seen.text, what) as { error: { code: ErrorCode } };
  check(validatorFor({ $ref: '#/components/schemas/ErrorBody' }), body, what);
  if (ERROR_STATUS[body.error.code] !== seen.status) {
    throw new Error(`${what} carries ${body.error.code}, which the document gives another status`);
  }
}

/**
 * Throws unless the response is one the OpenAPI document describes for its operation: a
 * documented status, its media type, a body of its schema and the headers it requires.
 */
export function assertDocumented(seen: SeenResponse): void {
  // As the server reads the URL: neither the query nor a fragment is part of the path.
  const path = seen.path.split(/[?#]/)[0] ?? '';
  const what = `${seen.method} ${path} → ${seen.status}`;
  // Express's own answer listing a path's methods (or, with CORS on, the preflight): HTTP
  // plumbing, the same for every path, not an operation of the API.
  if (seen.method === 'OPTIONS') return;
  const operation = operationFor(seen.method, path);
  if (!operation) {
    checkUnrouted(seen, what);
    return;
  }
  const responses: Record<string, ResponseObject> | undefined =
    document.paths?.[openApiPath(operation.path)]?.[operation.method]?.responses;
  const response = responses?.[String(seen.status)];
  if (!response) throw new Error(`${what} is a status the document does not list`);

  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (header.required && seen.header(name) === undefined) {
      throw new Error(`${what} lacks the ${name} header the document requires`);
    }
  }
  if (!response.content) {
    if (seen.text !== '') throw new Error(`${what} has a body the document says it has not`);
    return;
  }
  // HEAD is answered with GET's headers and no body.
  if (seen.method === 'HEAD') return;
  const media = seen.header('content-type')?.split(';')[0]?.trim() ?? '';
  const content = response.content[media];
  if (!content) throw new Error(`${what} is ${media || 'untyped'}, not a documented media type`);
  if (!content.schema) return;
  if (media === 'application/json') {
    check(validatorFor(content.schema), parseJson(seen.text, what), what);
  } else if (media === 'text/event-stream') {
    checkEventStream(content.schema, seen.text, what);
  } else {
    check(validatorFor(content.schema), seen.text, what);
  }
}

/** `assertDocumented` for an answer to `fetch`, its body read as `text`. */
export function assertFetchDocumented(
  method: string,
  path: string,
  response: Response,
  text: string,
): void {
  assertDocumented({
    method,
    path,
    status: response.status,
    header: (name) => response.headers.get(name) ?? undefined,
    text,
  });
}
