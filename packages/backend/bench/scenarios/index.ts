import type { Scenario } from '../harness.js';
import { baseline } from './baseline.js';
import { booking } from './booking.js';
import { ceiling } from './ceiling.js';
import { checkoutScenario } from './checkout.js';
import { doorScenario } from './door.js';
import { expressFloor } from './express-floor.js';
import { fanout } from './fanout.js';
import { hotRow } from './hot-row.js';
import { hotTier } from './hot-tier.js';
import { instancesScenario } from './instances.js';
import { seatDropScenario } from './seat-drop.js';
import { seatMap } from './seat-map.js';
import { sqliteCheckout } from './sqlite-checkout.js';
import { ticketDropScenario } from './ticket-drop.js';
import { twoProcesses } from './two-processes.js';
import { waitingRoomScenario } from './waiting-room.js';
import { watchedRush } from './watched-rush.js';

export interface ScenarioTable {
  /**
   * Every scenario, in the order they run (the numbers in the table are the order they are
   * described in).
   */
  scenarios: readonly Scenario[];
  /** Run whichever scenarios are chosen: the others' figures are given as ratios to these. */
  references: readonly string[];
}

export type StoreName = 'sqlite' | 'postgres';

export const SCENARIO_TABLES: Record<StoreName, ScenarioTable> = {
  /** The references come first; Express alone, a reference for the reader, last. */
  sqlite: {
    scenarios: [
      baseline,
      checkoutScenario('baseline', 50),
      hotTier,
      booking,
      doorScenario('10 door', 'baseline'),
      ticketDropScenario('6 ticket drop'),
      seatDropScenario('11 seat drop'),
      seatMap,
      waitingRoomScenario('9 waiting room'),
      twoProcesses,
      watchedRush,
      fanout,
      expressFloor,
    ],
    references: ['baseline', 'checkout'],
  },
  /** SQLite's checkout right after PostgreSQL's, on the machine as it is at that moment. */
  postgres: {
    scenarios: [
      ceiling,
      checkoutScenario('ceiling'),
      sqliteCheckout,
      hotTier,
      hotRow,
      ticketDropScenario('5 ticket drop'),
      seatDropScenario('9 seat drop'),
      waitingRoomScenario('7 waiting room'),
      doorScenario('8 door', 'ceiling'),
      instancesScenario(2),
      instancesScenario(3, 1),
    ],
    references: ['ceiling', 'checkout'],
  },
};
