import type { Scenario } from '../harness.js';
import { baseline } from './baseline.js';
import { booking } from './booking.js';
import { checkout } from './checkout.js';
import { expressFloor } from './express-floor.js';
import { fanout } from './fanout.js';
import { hotTier } from './hot-tier.js';
import { ticketDropScenario } from './ticket-drop.js';
import { twoProcesses } from './two-processes.js';
import { watchedRush } from './watched-rush.js';

/**
 * Every scenario, in the order they run (the numbers in the table are the order they are
 * described in). The references come first; those with servers of their own come last, once
 * the shared product server is stopped; Express alone last of all, so the holds it leaves do
 * not weigh on the product's figures.
 */
export const SCENARIOS: readonly Scenario[] = [
  baseline,
  checkout,
  hotTier,
  booking,
  ticketDropScenario,
  twoProcesses,
  watchedRush,
  fanout,
  expressFloor,
];

/** Run whichever scenarios are chosen: the others' figures are given as ratios to these. */
export const REFERENCES: readonly string[] = [baseline.name, checkout.name];
