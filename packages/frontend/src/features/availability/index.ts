export { ConnectionIndicator } from './components/connection-indicator';
export { LiveAnnouncer, type Announcement } from './components/live-announcer';
export { useAvailabilityChanges } from './hooks/use-availability-changes';
export {
  useAvailabilityStream,
  type AvailabilityStream,
  type SeatEventListeners,
} from './hooks/use-availability-stream';
export { describeAvailabilityChange } from './utils/availability-changes';
export { availabilityLabel, heldOut, heldOutNote, isFewLeft, withLiveCounts } from './utils/stock';
