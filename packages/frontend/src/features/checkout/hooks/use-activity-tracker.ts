import { useEffect, useState } from 'react';
import { createActivityTracker, type ActivityTracker } from '../utils/activity-tracker';

/** Tracks the shopper's pointer, key, scroll, touch and focus activity on this page. */
export function useActivityTracker(): ActivityTracker {
  const [tracker] = useState(() => createActivityTracker());
  useEffect(() => tracker.listen(window), [tracker]);
  return tracker;
}
