import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@ticket-booking/shared';

/**
 * The one error type the API answers with; the error middleware turns it into JSON. Its status
 * follows from its code (`ERROR_STATUS`): whoever throws one names what went wrong, not how HTTP
 * says it.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** A list, whatever the error: clients read every error's details the same way. */
    readonly details?: unknown[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

/** The JSON body the API answers an error with. */
export function errorBody(error: AppError): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}
