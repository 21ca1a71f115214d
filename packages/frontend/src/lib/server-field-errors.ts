import { FieldIssueSchema, type FieldIssue } from '@ticket-booking/shared';
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError } from './api-client';

/** Where a form shows an issue: one of its fields, or its root (`errors.root.server`). */
type ErrorPlace<T extends FieldValues> = Parameters<UseFormSetError<T>>[0];

/** The fields a 400 `VALIDATION_FAILED` names, each with its message; none for any other error. */
function serverFieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return [];
  const issues = FieldIssueSchema.array().safeParse(error.details);
  return issues.success ? issues.data : [];
}

/**
 * Shows what the server found wrong (what the browser cannot check, such as a start in the past
 * by the server's clock) at the form's own fields. `placeOf` says where each of the server's
 * field names goes; issues it places nowhere are not shown.
 */
export function showServerFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  placeOf: (serverField: string) => ErrorPlace<T> | undefined,
): void {
  for (const issue of serverFieldIssues(error)) {
    const place = placeOf(issue.field);
    if (place) setError(place, { message: issue.message });
  }
}
