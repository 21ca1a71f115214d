import type { ErrorCode } from '@ticket-booking/shared';

/** The one error type the API answers with; the error middleware turns it into JSON. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
