import {
  CurrentHoldResponseSchema,
  HoldResponseSchema,
  type CheckoutRequest,
  type HeartbeatRequest,
  type Hold,
} from '@ticket-booking/shared';
import { ApiError, apiRequest, apiRequestNoContent } from '../../../lib/api-client';

const holdPath = (concertId: string) => `/api/holds/${encodeURIComponent(concertId)}`;

/** Enters checkout: holds the tickets (all or none) and answers with the hold. */
export async function createHold(request: CheckoutRequest, idempotencyKey: string): Promise<Hold> {
  return (
    await apiRequest('/api/holds/checkout', HoldResponseSchema, {
      method: 'POST',
      body: request,
      idempotencyKey,
    })
  ).hold;
}

/** This browser's live hold on the concert, or null when there is none (to resume a reload). */
export async function fetchHold(concertId: string, signal?: AbortSignal): Promise<Hold | null> {
  return (await apiRequest(holdPath(concertId), CurrentHoldResponseSchema, { signal })).hold;
}

/** Why an answer says this page's hold is gone, as the page tells the shopper. */
export type HoldGoneReason = 'released' | 'elsewhere' | 'sales-closed';

/**
 * Whether an answer says this page's hold is gone, and why: it ran out (410 `HOLD_EXPIRED`), there
 * is none, given back or bought meanwhile, as from another tab (404 `NO_ACTIVE_HOLD`), or the
 * concert's sales closed, which ends every hold (409 `SALES_CLOSED`). `null` for any other answer.
 */
export function holdGoneReason(error: unknown): HoldGoneReason | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'HOLD_EXPIRED') return 'released';
  if (error.code === 'NO_ACTIVE_HOLD') return 'elsewhere';
  if (error.code === 'SALES_CLOSED') return 'sales-closed';
  return null;
}

export async function sendHeartbeat(request: HeartbeatRequest): Promise<Hold> {
  return (
    await apiRequest('/api/holds/heartbeat', HoldResponseSchema, { method: 'POST', body: request })
  ).hold;
}

/**
 * Gives the tickets back at once (cancel, or leaving checkout inside the app). Best effort, so it
 * never rejects: a hold nobody keeps alive is released by the server soon anyway.
 */
export function releaseHold(concertId: string): Promise<void> {
  return apiRequestNoContent(holdPath(concertId), { method: 'DELETE', keepalive: true }).catch(
    () => undefined,
  );
}

/**
 * Called as the page is hidden for good (closed, reloaded, frozen): asks the server to keep the
 * hold only for a short grace, so a reload can resume it and a closed tab lets it go quickly.
 * `sendBeacon` is made for exactly this moment; `fetch` with keepalive stands in where it fails.
 */
export function announceLeaving(concertId: string): void {
  const body: HeartbeatRequest = { concertId, active: false, visible: false, leaving: true };
  const json = JSON.stringify(body);
  const sent =
    typeof navigator.sendBeacon === 'function' &&
    navigator.sendBeacon('/api/holds/heartbeat', new Blob([json], { type: 'application/json' }));
  if (!sent) {
    void fetch('/api/holds/heartbeat', {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: json,
    }).catch(() => undefined);
  }
}
