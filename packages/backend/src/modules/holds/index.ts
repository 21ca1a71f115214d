// What other modules, the jobs and the app may use of holds; the rest is its own.
export { toHoldView } from './hold-view.js';
export { requireLiveHold, RUN_OUT_TRACE_MS } from './live-hold.js';
export { checkout, getHold, heartbeat, releaseHold, type HoldsDeps } from './holds.service.js';
export {
  afterDueSweep,
  concertsToSweep,
  createSweepSchedule,
  forgetRunOutBatch,
  offerWaitingTickets,
  sweepBatch,
  sweepExpiredHolds,
  SWEEP_INTERVAL_MS,
  type ExpiryDeps,
  type HoldsMetrics,
  type SweepSchedule,
} from './sweep.js';
