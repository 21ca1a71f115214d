import { AppError } from '../../lib/app-error.js';

export function offerNotFound(): AppError {
  return new AppError('OFFER_NOT_FOUND', 'There is no such offer for this concert.');
}

export function offerEnded(): AppError {
  return new AppError(
    'OFFER_ENDED',
    'This offer has ended: its tickets went to the next person on the waiting list.',
  );
}
