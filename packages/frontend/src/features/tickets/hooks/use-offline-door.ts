import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { ApiError } from '../../../lib/api-client';
import { checkIn, type CheckInOutcome } from '../api/tickets';
import { checkOffline } from '../utils/offline-check';
import { useDoorKeys } from './use-door-keys';

/** A ticket let in while offline, still to be recorded by the server. */
export interface QueuedCheckIn {
  code: string;
  door?: string | undefined;
  /** When it was let in, on this browser's clock. */
  at: number;
  concertName: string;
  number: number;
}

const QueuedCheckInSchema = z.object({
  code: z.string(),
  door: z.string().optional(),
  at: z.number(),
  concertName: z.string(),
  number: z.number(),
});

/**
 * A ticket let in offline that the server refused once it heard of it: `outcome` when the refusal
 * was about the ticket, else the server's words.
 */
export interface OfflineConflict extends QueuedCheckIn {
  outcome: CheckInOutcome | null;
  message: string;
}

export type OfflineVerdict =
  | { kind: 'valid'; concertName: string; number: number }
  | { kind: 'already'; concertName: string; number: number }
  /** `wellFormed`: shaped like a ticket code, but signed by none of the keys this door has. */
  | { kind: 'unsigned'; wellFormed: boolean };

const QUEUE_KEY = 'encore.door-queue';
const ADMITTED_KEY = 'encore.door-admitted';
/** The codes this door remembers letting in: a night's tickets, with room to spare. */
const KEPT_ADMITTED = 10_000;
export const RETRY_MS = 10_000;

function read<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(sessionStorage.getItem(key) ?? 'null'));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage can be switched off (or full); then this lasts as long as the page.
  }
}

/**
 * What lets a door go on when the network drops: the door keys to check tickets with on this
 * device, the tickets let in meanwhile (kept for this tab), sent to the server one by one once
 * it answers again, and those it then refuses, for staff to follow up.
 */
export function useOfflineDoor({
  token,
  onUnauthorized,
}: {
  token: string;
  onUnauthorized: () => void;
}) {
  const [offline, setOffline] = useState(() => !navigator.onLine);
  const [queue, setQueue] = useState(() => read(QUEUE_KEY, z.array(QueuedCheckInSchema), []));
  const queueRef = useRef(queue);
  const admitted = useRef<Set<string> | null>(null);
  const [conflicts, setConflicts] = useState<OfflineConflict[]>([]);
  const syncing = useRef(false);

  const admittedCodes = useCallback(() => {
    admitted.current ??= new Set(read(ADMITTED_KEY, z.array(z.string()), []));
    return admitted.current;
  }, []);

  const admit = useCallback(
    (code: string) => {
      const codes = admittedCodes();
      codes.add(code);
      write(ADMITTED_KEY, [...codes].slice(-KEPT_ADMITTED));
    },
    [admittedCodes],
  );

  const changeQueue = useCallback((change: (current: QueuedCheckIn[]) => QueuedCheckIn[]) => {
    queueRef.current = change(queueRef.current);
    setQueue(queueRef.current);
    write(QUEUE_KEY, queueRef.current);
  }, []);

  const sync = useCallback(async () => {
    if (syncing.current) return;
    syncing.current = true;
    try {
      for (let next = queueRef.current[0]; next; next = queueRef.current[0]) {
        const { code, door } = next;
        let conflict: OfflineConflict | null = null;
        try {
          const outcome = await checkIn({ code, ...(door ? { door } : {}) }, token);
          if (outcome.kind !== 'valid') {
            conflict = { ...next, outcome, message: 'message' in outcome ? outcome.message : '' };
          }
        } catch (error) {
          if (error instanceof ApiError && error.code === 'UNAUTHORIZED') {
            onUnauthorized();
            return;
          }
          // No answer, or trouble on the server's side: the ticket waits for the next try.
          if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) {
            if (error instanceof ApiError && error.status === 0) setOffline(true);
            return;
          }
          conflict = { ...next, outcome: null, message: error.message };
        }
        setOffline(false);
        changeQueue((current) => current.filter((queued) => queued.code !== code));
        if (conflict) {
          const found = conflict;
          setConflicts((current) => [...current, found]);
        }
      }
    } finally {
      syncing.current = false;
    }
  }, [token, onUnauthorized, changeQueue]);

  /** The server answered: the connection is back. */
  const reached = useCallback(() => {
    setOffline(false);
    if (queueRef.current.length > 0) void sync();
  }, [sync]);

  const { keys, refetch } = useDoorKeys(token, reached);

  useEffect(() => {
    const online = () => {
      reached();
    };
    const lost = () => {
      setOffline(true);
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', lost);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', lost);
    };
  }, [reached]);

  // Tickets let in before a reload are sent as soon as the page is back.
  useEffect(() => {
    if (queueRef.current.length > 0) void sync();
  }, [sync]);

  const waiting = offline || queue.length > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (queueRef.current.length > 0) void sync();
      else void refetch();
    }, RETRY_MS);
    return () => {
      clearInterval(timer);
    };
  }, [waiting, sync, refetch]);

  /**
   * Checks a ticket on this device, as the server could not be reached; one found valid is let in
   * and queued. Null when there are no keys to check it with.
   */
  const check = useCallback(
    async (code: string, door: string | undefined): Promise<OfflineVerdict | null> => {
      setOffline(true);
      if (keys.length === 0) return null;
      const found = await checkOffline(code, keys);
      if (found.kind === 'unsigned') return found;
      const ticket = { concertName: found.concert.name, number: found.number };
      if (admittedCodes().has(code)) return { kind: 'already', ...ticket };
      admit(code);
      changeQueue((current) => [...current, { code, door, at: Date.now(), ...ticket }]);
      return { kind: 'valid', ...ticket };
    },
    [keys, admittedCodes, admit, changeQueue],
  );

  /** The queued check-in of `code`, if it was let in offline and is not recorded yet. */
  const queuedOf = useCallback(
    (code: string) => queueRef.current.find((queued) => queued.code === code),
    [],
  );

  const dismissConflicts = useCallback(() => {
    setConflicts([]);
  }, []);

  return {
    offline,
    keys,
    queue,
    conflicts,
    check,
    queuedOf,
    admit,
    reached,
    dismissConflicts,
  };
}
