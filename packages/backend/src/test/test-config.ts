import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';

/** The documented defaults, with a throwaway database path; override what a test is about. */
/** For tests that send more than a shopper would: the limits have tests of their own. */
export const NO_ABUSE_LIMITS_CONFIG: Config['abuseLimits'] = {
  sessionWritesPerMinute: 0,
  ipWritesPerMinute: 0,
  streamsPerIp: 0,
  ticketsHeldPerAddress: 0,
  ticketsHeldPerSharedAddress: 0,
  sharedAddresses: [],
  hardCapCooldownMs: 0,
};

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databasePath: ':memory:',
    postgres: { poolSize: 10, poolWaitMs: 2000, lockTimeoutMs: 2000 },
    holdPolicy: {
      holdDurationMs: 600_000,
      inactivityTimeoutMs: 180_000,
      hiddenGraceMs: 60_000,
      hardCapMs: 900_000,
      leaveGraceMs: 10_000,
      heartbeatIntervalMs: 30_000,
    },
    holdCleanupIntervalMs: 10_000,
    maxTicketsPerOrder: 10,
    sse: { coalesceMs: 100, keepAliveMs: 15_000, retryMs: 3000 },
    shutdownTimeoutMs: 10_000,
    abuseLimits: {
      sessionWritesPerMinute: 120,
      ipWritesPerMinute: 3000,
      streamsPerIp: 1000,
      ticketsHeldPerAddress: 40,
      ticketsHeldPerSharedAddress: 400,
      sharedAddresses: ['100.64.0.0/10'],
      hardCapCooldownMs: 600_000,
    },
    http: {
      trustProxy: false,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5000,
      corsOrigins: [],
      cookieSecure: false,
      publicUrl: 'http://localhost:5173',
    },
    mail: {
      from: 'Tickets <tickets@localhost>',
      dir: path.join(os.tmpdir(), 'ticket-booking-test-mail'),
      pollIntervalMs: 1000,
    },
    // Tests that are about logs capture them; the others stay quiet.
    logLevel: 'silent',
    ...overrides,
  };
}
