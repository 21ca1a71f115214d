import { ErrorBodySchema, IDEMPOTENCY_KEY_HEADER, type ErrorCode } from '@ticket-booking/shared';
import type { z } from 'zod';

export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** A failed API call, with the server's stable code and plain-words message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const NETWORK_MESSAGE = 'We could not reach the box office. Check your connection and try again.';
const UNEXPECTED_MESSAGE = 'Something went wrong on our side. Please try again.';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Lets the request finish after the page is gone (leaving checkout). */
  keepalive?: boolean;
  /** Makes a purchase safe to send again: the server does it once per key. */
  idempotencyKey?: string;
  /** The organizer's token, sent as `Authorization: Bearer <token>`. */
  bearerToken?: string;
}

/**
 * The server gives a browser its session cookie on its first API request. Requests sent in
 * parallel before any answer came back would each be given a different session, and a hold made
 * under one could not be bought under another; so the first request of a page load goes alone.
 */
let firstAnswer: Promise<unknown> | undefined;

async function send(path: string, options: RequestOptions): Promise<Response> {
  if (firstAnswer) {
    await firstAnswer;
    return sendNow(path, options);
  }
  const pending = sendNow(path, options);
  firstAnswer = pending.then(
    () => undefined,
    () => {
      // No answer, so no cookie either: let the next request try to be the first.
      firstAnswer = undefined;
    },
  );
  return pending;
}

async function sendNow(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
  };
  if (options.signal) init.signal = options.signal;
  if (options.keepalive) init.keepalive = true;
  if (options.idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = options.idempotencyKey;
  if (options.bearerToken) headers.Authorization = `Bearer ${options.bearerToken}`;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_MESSAGE);
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    throw new ApiError(response.status, code, message, details);
  }
  throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', UNEXPECTED_MESSAGE);
}

/** Calls the API and checks the answer against the shared schema of the response. */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const response = await send(path, options);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', UNEXPECTED_MESSAGE);
  }
  return parsed.data;
}

/** Calls an endpoint that answers 204 No Content. */
export async function apiRequestNoContent(
  path: string,
  options: RequestOptions = {},
): Promise<void> {
  await send(path, options);
}

/** The message to show a person for any error, never raw JSON. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return UNEXPECTED_MESSAGE;
}
