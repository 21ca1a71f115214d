import type { ErrorBody, ErrorCode } from '@ticket-booking/shared';

/** The one error type the API answers with; the error middleware turns it into JSON. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    /** A list, whatever the error: clients read every error's details the same way. */
    readonly details?: unknown[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The JSON body the API answers an error with. */
export function errorBody(error: AppError): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}
