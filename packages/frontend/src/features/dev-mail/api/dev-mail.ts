import { DevMailListSchema } from '@ticket-booking/shared';
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';

export const devMailKeys = {
  all: ['dev-mail'] as const,
};

/** How often the outbox asks again: the mail worker sends a purchase's mail seconds after it. */
export const DEV_MAIL_REFRESH_MS = 3_000;

/**
 * Whether the server keeps no outbox to show: it answers 404 when mail goes to a real mail
 * server, or when it listens beyond its own host and the page would show mail to anyone.
 */
export function isNoOutbox(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The outbox, newest first, asked again every `DEV_MAIL_REFRESH_MS` while the tab is visible. */
export function useDevMail() {
  return useQuery({
    queryKey: devMailKeys.all,
    queryFn: ({ signal }) => apiRequest('/api/dev/mail', DevMailListSchema, { signal }),
    // Coming back to the tab asks at once: the mail may have gone out in the meantime.
    staleTime: 0,
    // TanStack Query skips the interval while the tab is hidden. With no outbox there is
    // nothing to poll for; with no list yet, each try would swap the error for the spinner.
    refetchInterval: (query) =>
      isNoOutbox(query.state.error) ||
      (query.state.status === 'error' && query.state.data === undefined)
        ? false
        : DEV_MAIL_REFRESH_MS,
  });
}
