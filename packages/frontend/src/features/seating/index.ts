export { seatMapKeys } from './api/seat-map';
export { SeatMap, type SeatMapProps } from './components/seat-map';
export { useSeatMap, type LiveSeatMap } from './hooks/use-seat-map';
export { describeSeats } from './utils/seat-list';
export { applySeatChanges, applySeatsEvent, type SeatStatesUpdate } from './utils/seat-states';
export type { SeatMapTier } from './utils/seat-zones';
