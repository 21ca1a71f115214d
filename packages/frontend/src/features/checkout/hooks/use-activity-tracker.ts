import { useEffect, useState } from 'react';
import { createActivityTracker, type ActivityTracker } from '../utils/activity-tracker';

/**
 * Tracks the shopper's pointer, key, scroll, touch and focus activity on this page; the idle
 * time starts at `activeSince` (this browser's clock) if that is earlier than now.
 */
export function useActivityTracker(activeSince?: number): ActivityTracker {
  const [tracker] = useState(() => createActivityTracker(undefined, activeSince));
  useEffect(() => tracker.listen(window), [tracker]);
  return tracker;
}
