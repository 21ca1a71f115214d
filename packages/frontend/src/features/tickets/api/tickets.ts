import {
  CheckedInSchema,
  FieldIssueSchema,
  TicketResponseSchema,
  type CheckInRequest,
  type Ticket,
} from '@ticket-booking/shared';
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';

export const ticketKeys = {
  all: ['tickets'] as const,
  detail: (code: string) => ['tickets', code] as const,
};

/** Where a ticket is shown, for its holder and for anyone they hand the link to. */
export function ticketPath(code: string): string {
  return `/tickets/${encodeURIComponent(code)}`;
}

/** A ticket by its code; anyone holding the code may read it. */
export async function fetchTicket(code: string, signal?: AbortSignal): Promise<Ticket> {
  const options = signal ? { signal } : {};
  return (
    await apiRequest(`/api/tickets/${encodeURIComponent(code)}`, TicketResponseSchema, options)
  ).ticket;
}

export function useTicket(code: string) {
  return useQuery({
    queryKey: ticketKeys.detail(code),
    queryFn: ({ signal }) => fetchTicket(code, signal),
    // A check-in at the door shows on the holder's screen when they look again.
    refetchOnWindowFocus: 'always',
  });
}

/**
 * What a door is told about one scan. `ticket` is there when the server named it: always for a
 * valid one, and for a used or cancelled one when it could be read after the refusal.
 */
export type CheckInOutcome =
  | { kind: 'valid'; code: string; ticket: Ticket }
  | {
      kind: 'already';
      code: string;
      /** Null only when neither the refusal nor the ticket said when. */
      checkedInAt: string | null;
      door: string | null;
      ticket: Ticket | undefined;
      /** The server's own words about it. */
      message: string;
    }
  | { kind: 'cancelled'; code: string; ticket: Ticket | undefined }
  | { kind: 'invalid'; code: string };

function namesField(details: unknown, field: string): boolean {
  const issues = FieldIssueSchema.array().safeParse(details);
  return issues.success && issues.data.some((issue) => issue.field === field);
}

/** The ticket behind a refused code, for the holder's name and the venue's time zone. */
async function ticketOrNothing(code: string): Promise<Ticket | undefined> {
  try {
    return await fetchTicket(code);
  } catch {
    // The verdict stands without the details; the door need not wait for them.
    return undefined;
  }
}

/**
 * A well-formed ticket code whose signature no ticket has: checking it in changes nothing. Any
 * shape the server would refuse as malformed (400) would say nothing about the token.
 */
export const PROBE_TICKET_CODE = 'A'.repeat(46);

/**
 * Asks the server whether `token` (the door's or the organizer's) opens the door, by checking in
 * a ticket that does not exist. A good token gets 404 `TICKET_NOT_FOUND`, and nothing is stored;
 * a wrong one 401 `UNAUTHORIZED`; a server without door or organizer access answers 404
 * `NOT_FOUND`, as for any path it does not know. Throws the ApiError of anything else.
 */
export async function checkDoorToken(token: string): Promise<void> {
  try {
    await apiRequest('/api/admin/check-ins', TicketResponseSchema, {
      method: 'POST',
      body: { code: PROBE_TICKET_CODE } satisfies CheckInRequest,
      bearerToken: token,
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'TICKET_NOT_FOUND') return;
    throw error;
  }
}

/**
 * Checks a ticket in at a door. Every answer about the ticket itself is an outcome; only what
 * says nothing about it (no connection, a token the server no longer takes) is thrown.
 */
export async function checkIn(request: CheckInRequest, token: string): Promise<CheckInOutcome> {
  const { code } = request;
  try {
    const { ticket } = await apiRequest('/api/admin/check-ins', TicketResponseSchema, {
      method: 'POST',
      body: request,
      bearerToken: token,
    });
    return { kind: 'valid', code, ticket };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    switch (error.code) {
      case 'ALREADY_CHECKED_IN': {
        const details = Array.isArray(error.details) ? error.details : [];
        const first = CheckedInSchema.safeParse(details[0]);
        const ticket = await ticketOrNothing(code);
        return {
          kind: 'already',
          code,
          checkedInAt: first.success ? first.data.checkedInAt : (ticket?.checkedInAt ?? null),
          door: first.success ? first.data.door : (ticket?.door ?? null),
          ticket,
          message: error.message,
        };
      }
      case 'TICKET_CANCELLED':
        return { kind: 'cancelled', code, ticket: await ticketOrNothing(code) };
      case 'TICKET_NOT_FOUND':
        return { kind: 'invalid', code };
      case 'VALIDATION_FAILED':
        // A malformed code is no ticket; a refused door name is the door's to fix.
        if (namesField(error.details, 'code')) return { kind: 'invalid', code };
        throw error;
      default:
        throw error;
    }
  }
}
