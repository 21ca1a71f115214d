import { AppError } from '../../lib/app-error.js';

export function busyError(): AppError {
  return new AppError(
    'BUSY',
    'The box office is very busy right now. Please try again in a moment.',
    undefined,
    1,
  );
}
