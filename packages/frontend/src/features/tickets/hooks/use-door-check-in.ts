import { CheckInRequestSchema } from '@ticket-booking/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../../lib/api-client';
import { checkIn, ticketKeys, type CheckInOutcome } from '../api/tickets';
import { scannedCode } from '../utils/scanned-code';
import { useOfflineDoor, type OfflineVerdict } from './use-offline-door';

export type ScanSource = 'typed' | 'camera' | 'photo';

/** One ticket put to the door, and what the server said about it so far. */
export interface Scan {
  id: number;
  source: ScanSource;
  code: string;
  /** When the door scanned it, on this browser's clock. */
  at: number;
  result:
    | { state: 'checking' }
    | { state: 'done'; outcome: CheckInOutcome }
    /** The server could not be reached, and the ticket was checked on this device instead. */
    | { state: 'offline'; verdict: OfflineVerdict }
    /** Nothing is known about the ticket: the check-in did not get through. */
    | { state: 'failed'; message: string };
}

/** How many scans the door keeps on screen, the newest first. */
const KEPT_SCANS = 5;

const NO_KEYS = 'This door has no keys to check tickets offline.';

/**
 * Checks tickets in at this door, one call per scan, without waiting for the last to finish: a
 * queue at a door does not wait for a slow network. The newest scan is the one to show; the
 * others finish in the list behind it. When the network fails, tickets are checked on this device
 * and recorded once the server answers again.
 */
export function useDoorCheckIn({
  token,
  door,
  onUnauthorized,
}: {
  token: string;
  door: string;
  onUnauthorized: () => void;
}) {
  const queryClient = useQueryClient();
  const [scans, setScans] = useState<Scan[]>([]);
  const lastId = useRef(0);
  const offlineDoor = useOfflineDoor({ token, onUnauthorized });
  const { check, queuedOf, admit, reached } = offlineDoor;

  const settle = useCallback((id: number, result: Scan['result']) => {
    setScans((current) => current.map((scan) => (scan.id === id ? { ...scan, result } : scan)));
  }, []);

  const submit = useCallback(
    (read: string, source: ScanSource) => {
      const code = scannedCode(read);
      lastId.current += 1;
      const id = lastId.current;
      const doorName = door.trim();
      const request = CheckInRequestSchema.safeParse({
        code,
        ...(doorName === '' ? {} : { door: doorName }),
      });
      let result: Scan['result'] = { state: 'checking' };
      const queued = request.success ? queuedOf(code) : undefined;
      if (queued) {
        // Let in here while offline: sending it now would only be refused as used, here.
        const { concertName, number } = queued;
        result = { state: 'offline', verdict: { kind: 'already', concertName, number } };
      } else if (!request.success) {
        const issue = request.error.issues[0];
        // Not even shaped like a ticket code: no need to ask the server.
        result =
          issue?.path[0] === 'code'
            ? { state: 'done', outcome: { kind: 'invalid', code } }
            : { state: 'failed', message: issue?.message ?? 'Check the door’s name.' };
      }
      setScans((current) =>
        [{ id, source, code, at: Date.now(), result }, ...current].slice(0, KEPT_SCANS),
      );
      if (!request.success || queued) return;

      checkIn(request.data, token).then(
        (outcome) => {
          reached();
          if (outcome.kind === 'valid') admit(code);
          if ('ticket' in outcome && outcome.ticket)
            queryClient.setQueryData(ticketKeys.detail(code), outcome.ticket);
          settle(id, { state: 'done', outcome });
        },
        async (error: unknown) => {
          if (error instanceof ApiError && error.code === 'NETWORK_ERROR') {
            const message = `${messageOf(error)} ${NO_KEYS}`;
            try {
              const verdict = await check(code, request.data.door);
              settle(id, verdict ? { state: 'offline', verdict } : { state: 'failed', message });
            } catch {
              settle(id, { state: 'failed', message });
            }
            return;
          }
          if (error instanceof ApiError && error.code !== 'UNAUTHORIZED') reached();
          // The token was changed on the server since sign-in: ask for the new one.
          if (error instanceof ApiError && error.code === 'UNAUTHORIZED') onUnauthorized();
          settle(id, { state: 'failed', message: messageOf(error) });
        },
      );
    },
    [door, token, onUnauthorized, queryClient, settle, queuedOf, check, admit, reached],
  );

  return { scans, latest: scans[0], submit, offlineDoor };
}
