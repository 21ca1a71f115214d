import { useEffect, useRef } from 'react';

export interface Announcement {
  /** A later announcement with the same key replaces one still waiting to be read. */
  key: string;
  text: string;
}

/** At most one announcement per this long, so a rush of sales does not flood a screen reader. */
export const ANNOUNCE_INTERVAL_MS = 5_000;

/**
 * A polite live region that reads out `announcements`: each new array is one batch. The first
 * batch is read at once; what arrives in the next `intervalMs` waits and is read together, only
 * the latest per key.
 */
export function LiveAnnouncer({
  announcements,
  intervalMs = ANNOUNCE_INTERVAL_MS,
  label = 'Availability updates',
}: {
  announcements: readonly Announcement[];
  intervalMs?: number;
  label?: string;
}) {
  const regionRef = useRef<HTMLDivElement>(null);
  const pendingRef = useRef(new Map<string, string>());
  const timerRef = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    function flush() {
      const pending = pendingRef.current;
      if (pending.size === 0 || !regionRef.current) {
        timerRef.current = undefined;
        return;
      }
      // Written straight to the DOM: React renders the region empty and never touches its text,
      // and the page does not re-render for what only a screen reader hears.
      regionRef.current.textContent = [...pending.values()].map((text) => `${text}.`).join(' ');
      pending.clear();
      timerRef.current = setTimeout(flush, intervalMs);
    }

    if (announcements.length === 0) return;
    for (const { key, text } of announcements) pendingRef.current.set(key, text);
    if (timerRef.current === undefined) flush();
  }, [announcements, intervalMs]);

  useEffect(
    () => () => {
      clearTimeout(timerRef.current);
    },
    [],
  );

  return (
    <div
      ref={regionRef}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      aria-label={label}
      className="sr-only"
    />
  );
}
