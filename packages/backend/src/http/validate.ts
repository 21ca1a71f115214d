import { ConcertIdSchema, TierCodeSchema, toFieldIssues } from '@ticket-booking/shared';
import type { z } from 'zod';
import { AppError } from '../lib/app-error.js';
import { concertNotFound, tierNotFound } from '../modules/concerts/concerts.service.js';

/** Parses request input with a shared schema; a failure is a 400 naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError(
    'VALIDATION_FAILED',
    'Some of the details sent are not valid.',
    toFieldIssues(result.error.issues),
  );
}

/** A concert id in a URL; one that cannot exist is simply not found. */
export function concertIdParam(value: string | string[] | undefined): string {
  const parsed = ConcertIdSchema.safeParse(value);
  if (!parsed.success) throw concertNotFound();
  return parsed.data;
}

/** A tier code in a URL; one that cannot exist is simply not found. */
export function tierCodeParam(value: string | string[] | undefined): string {
  const parsed = TierCodeSchema.safeParse(value);
  if (!parsed.success) throw tierNotFound();
  return parsed.data;
}
