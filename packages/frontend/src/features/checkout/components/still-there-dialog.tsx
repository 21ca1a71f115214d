import { useId, useLayoutEffect, useRef } from 'react';
import { Button } from '../../../components/button';
import { formatCountdown } from '../../../lib/format';

/**
 * Warns an idle shopper before the hold is released for inactivity. Any key or pointer activity
 * closes it (the page listens for that); `focusQuietly` moves focus in and back out without
 * those moves counting as the shopper's own.
 */
export function StillThereDialog({
  releaseInMs,
  returnFocusTo,
  onStay,
  focusQuietly,
}: {
  releaseInMs: number;
  /** Where focus goes back to when the dialog closes. */
  returnFocusTo: Element | null;
  onStay: () => void;
  focusQuietly: (focus: () => void) => void;
}) {
  const titleId = useId();
  const descriptionId = useId();
  const actionsRef = useRef<HTMLDivElement>(null);

  // Focus moves in as the dialog appears, before anything can be typed behind it.
  useLayoutEffect(() => {
    focusQuietly(() => actionsRef.current?.querySelector('button')?.focus());
    return () => {
      if (returnFocusTo instanceof HTMLElement && returnFocusTo.isConnected) {
        focusQuietly(() => {
          returnFocusTo.focus();
        });
      }
    };
  }, [focusQuietly, returnFocusTo]);

  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-slate-900/50 p-4">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        className="w-full max-w-sm rounded-2xl bg-white p-6 shadow-xl ring-1 ring-slate-200"
      >
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Still there?
        </h2>
        <p id={descriptionId} className="mt-2 text-sm text-slate-600">
          We have not seen any activity for a while. Your tickets will be released in{' '}
          <span className="font-semibold text-slate-900 tabular-nums">
            {formatCountdown(releaseInMs)}
          </span>{' '}
          unless you let us know you are still here.
        </p>
        <div ref={actionsRef} className="mt-5">
          <Button className="w-full" onClick={onStay}>
            I’m still here
          </Button>
        </div>
      </div>
    </div>
  );
}
