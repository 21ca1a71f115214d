import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  databaseShown,
  DEFAULT_DATABASE_PATH,
  loadConfig,
  type Config,
} from './config.js';

const BACKEND_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs loadConfig expecting it to refuse, and returns the ConfigError it threw. */
function configErrorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('when nothing is set, it uses the documented defaults', () => {
    const config = loadConfig({});

    expect(config).toEqual({
      port: 3001,
      host: '127.0.0.1',
      databasePath: path.join(BACKEND_ROOT, 'data', 'tickets.db'),
      postgres: { poolSize: 10, poolWaitMs: 2000, lockTimeoutMs: 2000 },
      holdPolicy: {
        holdDurationMs: 600_000,
        inactivityTimeoutMs: 180_000,
        hiddenGraceMs: 60_000,
        hardCapMs: 900_000,
        heartbeatIntervalMs: 30_000,
        leaveGraceMs: 10_000,
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
        dir: path.join(BACKEND_ROOT, 'data', 'mail'),
        pollIntervalMs: 1000,
      },
      logLevel: 'info',
    });
    expect(DEFAULT_DATABASE_PATH).toBe(path.join(BACKEND_ROOT, 'data', 'tickets.db'));
  });

  it('when every variable is set, each one is used', () => {
    const env = {
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_PATH: '/var/lib/tickets/prod.db',
      PG_POOL_SIZE: '25',
      PG_POOL_WAIT_MS: '5000',
      PG_LOCK_TIMEOUT_MS: '500',
      HOLD_DURATION_MS: '300000',
      HOLD_INACTIVITY_TIMEOUT_MS: '120000',
      HOLD_HIDDEN_GRACE_MS: '45000',
      HOLD_HARD_CAP_MS: '1200000',
      HOLD_LEAVE_GRACE_MS: '5000',
      HEARTBEAT_INTERVAL_MS: '15000',
      HOLD_CLEANUP_INTERVAL_MS: '5000',
      MAX_TICKETS_PER_ORDER: '6',
      SSE_COALESCE_MS: '250',
      SSE_KEEPALIVE_MS: '20000',
      SSE_RETRY_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '30000',
      RATE_LIMIT_SESSION_PER_MIN: '30',
      RATE_LIMIT_IP_PER_MIN: '600',
      SSE_MAX_STREAMS_PER_IP: '50',
      MAX_TICKETS_HELD_PER_ADDRESS: '12',
      MAX_TICKETS_HELD_PER_SHARED_ADDRESS: '120',
      SHARED_ADDRESSES: '100.64.0.0/10, 203.0.113.9',
      HOLD_CAP_COOLDOWN_MS: '60000',
      REDIS_URL: 'redis://limits.internal:6379',
      REDIS_KEY_PREFIX: 'tickets-prod:',
      TRUST_PROXY: '1',
      REQUEST_TIMEOUT_MS: '10000',
      KEEP_ALIVE_TIMEOUT_MS: '65000',
      CORS_ORIGIN: 'https://tickets.example.com',
      COOKIE_SECURE: 'true',
      PUBLIC_URL: 'https://tickets.example.com/shop',
      SMTP_URL: 'smtps://tickets:secret@smtp.example.com:465',
      MAIL_FROM: 'Concert Tickets <tickets@example.com>',
      MAIL_DIR: '/var/lib/tickets/mail',
      MAIL_POLL_INTERVAL_MS: '5000',
      LOG_LEVEL: 'warn',
    };

    const config = loadConfig(env);

    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databasePath: path.resolve('/var/lib/tickets/prod.db'),
      postgres: { poolSize: 25, poolWaitMs: 5000, lockTimeoutMs: 500 },
      holdPolicy: {
        holdDurationMs: 300_000,
        inactivityTimeoutMs: 120_000,
        hiddenGraceMs: 45_000,
        hardCapMs: 1_200_000,
        heartbeatIntervalMs: 15_000,
        leaveGraceMs: 5_000,
      },
      holdCleanupIntervalMs: 5_000,
      maxTicketsPerOrder: 6,
      sse: { coalesceMs: 250, keepAliveMs: 20_000, retryMs: 5000 },
      shutdownTimeoutMs: 30_000,
      abuseLimits: {
        sessionWritesPerMinute: 30,
        ipWritesPerMinute: 600,
        streamsPerIp: 50,
        ticketsHeldPerAddress: 12,
        ticketsHeldPerSharedAddress: 120,
        sharedAddresses: ['100.64.0.0/10', '203.0.113.9'],
        hardCapCooldownMs: 60_000,
      },
      redis: { url: 'redis://limits.internal:6379', keyPrefix: 'tickets-prod:' },
      http: {
        trustProxy: 1,
        requestTimeoutMs: 10_000,
        keepAliveTimeoutMs: 65_000,
        corsOrigins: ['https://tickets.example.com'],
        cookieSecure: true,
        publicUrl: 'https://tickets.example.com/shop',
      },
      mail: {
        smtpUrl: 'smtps://tickets:secret@smtp.example.com:465',
        from: 'Concert Tickets <tickets@example.com>',
        dir: path.resolve('/var/lib/tickets/mail'),
        pollIntervalMs: 5000,
      },
      logLevel: 'warn',
    });
  });

  it.each([
    ['PORT', '4000', (c: Config) => c.port, 4000],
    ['HOST', '::1', (c: Config) => c.host, '::1'],
    ['PG_POOL_SIZE', '4', (c: Config) => c.postgres.poolSize, 4],
    ['PG_POOL_WAIT_MS', '250', (c: Config) => c.postgres.poolWaitMs, 250],
    ['PG_LOCK_TIMEOUT_MS', '100', (c: Config) => c.postgres.lockTimeoutMs, 100],
    ['HOLD_DURATION_MS', '120000', (c: Config) => c.holdPolicy.holdDurationMs, 120_000],
    [
      'HOLD_INACTIVITY_TIMEOUT_MS',
      '240000',
      (c: Config) => c.holdPolicy.inactivityTimeoutMs,
      240_000,
    ],
    ['HOLD_HIDDEN_GRACE_MS', '0', (c: Config) => c.holdPolicy.hiddenGraceMs, 0],
    ['HOLD_HARD_CAP_MS', '600000', (c: Config) => c.holdPolicy.hardCapMs, 600_000],
    ['HOLD_LEAVE_GRACE_MS', '2000', (c: Config) => c.holdPolicy.leaveGraceMs, 2_000],
    ['HEARTBEAT_INTERVAL_MS', '10000', (c: Config) => c.holdPolicy.heartbeatIntervalMs, 10_000],
    ['HOLD_CLEANUP_INTERVAL_MS', '2500', (c: Config) => c.holdCleanupIntervalMs, 2_500],
    ['MAX_TICKETS_PER_ORDER', '1', (c: Config) => c.maxTicketsPerOrder, 1],
    ['SSE_COALESCE_MS', '40', (c: Config) => c.sse.coalesceMs, 40],
    ['SSE_KEEPALIVE_MS', '5000', (c: Config) => c.sse.keepAliveMs, 5000],
    ['SSE_RETRY_MS', '1000', (c: Config) => c.sse.retryMs, 1000],
    ['SHUTDOWN_TIMEOUT_MS', '0', (c: Config) => c.shutdownTimeoutMs, 0],
    ['RATE_LIMIT_SESSION_PER_MIN', '0', (c: Config) => c.abuseLimits.sessionWritesPerMinute, 0],
    ['RATE_LIMIT_IP_PER_MIN', '0', (c: Config) => c.abuseLimits.ipWritesPerMinute, 0],
    ['SSE_MAX_STREAMS_PER_IP', '0', (c: Config) => c.abuseLimits.streamsPerIp, 0],
    ['MAX_TICKETS_HELD_PER_ADDRESS', '0', (c: Config) => c.abuseLimits.ticketsHeldPerAddress, 0],
    ['SHARED_ADDRESSES', '', (c: Config) => c.abuseLimits.sharedAddresses.join(','), ''],
    ['HOLD_CAP_COOLDOWN_MS', '0', (c: Config) => c.abuseLimits.hardCapCooldownMs, 0],
    ['TRUST_PROXY', 'true', (c: Config) => c.http.trustProxy, true],
    ['TRUST_PROXY', '2', (c: Config) => c.http.trustProxy, 2],
    ['TRUST_PROXY', 'loopback', (c: Config) => c.http.trustProxy, 'loopback'],
    [
      'TRUST_PROXY',
      '10.0.0.0/8, fd00::/8,192.168.1.7',
      (c: Config) => c.http.trustProxy,
      '10.0.0.0/8, fd00::/8,192.168.1.7',
    ],
    ['REQUEST_TIMEOUT_MS', '5000', (c: Config) => c.http.requestTimeoutMs, 5000],
    ['KEEP_ALIVE_TIMEOUT_MS', '61000', (c: Config) => c.http.keepAliveTimeoutMs, 61_000],
    ['COOKIE_SECURE', 'true', (c: Config) => c.http.cookieSecure, true],
    ['LOG_LEVEL', 'debug', (c: Config) => c.logLevel, 'debug'],
    ['LOG_LEVEL', ' Silent ', (c: Config) => c.logLevel, 'silent'],
  ] as const)('when only %s=%s is set, it overrides its default', (name, value, read, expected) => {
    const defaults = loadConfig({});

    const config = loadConfig({ [name]: value });

    expect(read(config)).toBe(expected);
    expect(read(defaults)).not.toBe(expected);
  });

  it('accepts surrounding whitespace in numbers and port 0 (any free port)', () => {
    const config = loadConfig({ PORT: ' 0 ', MAX_TICKETS_PER_ORDER: '\t12\n' });

    expect(config.port).toBe(0);
    expect(config.maxTicketsPerOrder).toBe(12);
  });

  it('reads several CORS origins separated by commas', () => {
    const config = loadConfig({
      CORS_ORIGIN: 'https://tickets.example.com, https://www.example.com:8443',
    });

    expect(config.http.corsOrigins).toEqual([
      'https://tickets.example.com',
      'https://www.example.com:8443',
    ]);
  });

  it('reads TRUST_PROXY=false and COOKIE_SECURE=false as off', () => {
    const config = loadConfig({ TRUST_PROXY: 'false', COOKIE_SECURE: 'false' });

    expect(config.http).toMatchObject({ trustProxy: false, cookieSecure: false });
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', NODE_ENV: 'test' })).not.toThrow();
  });

  it('has no ADMIN_TOKEN unless one is set, and then uses it as given', () => {
    const token = 'k3y-'.padEnd(40, 'x');

    expect(loadConfig({}).adminToken).toBeUndefined();
    expect(loadConfig({ ADMIN_TOKEN: token }).adminToken).toBe(token);
  });

  it.each([
    ['too short', 'x'.repeat(31)],
    ['with a space', `${'x'.repeat(20)} ${'x'.repeat(20)}`],
    ['empty', ''],
  ])(
    'an ADMIN_TOKEN %s refuses to start, naming the variable but never printing it',
    (_, token) => {
      const error = configErrorFor({ ADMIN_TOKEN: token });

      expect(error.problems).toEqual([
        'ADMIN_TOKEN: must be 32 to 256 printable characters without spaces',
      ]);
      if (token) expect(error.message).not.toContain(token);
    },
  );

  it('has no DATABASE_URL unless one is set, and then uses it as given', () => {
    const url = 'postgresql://tickets:s3cret@db.internal:5432/tickets';

    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/tickets' }).databaseUrl).toBe(
      'postgres://db/tickets',
    );
  });

  it('has no Redis unless REDIS_URL is set, and then counts under the tickets: prefix', () => {
    const url = 'rediss://limits:s3cret@cache.internal:6380/2';

    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_KEY_PREFIX: 'staging:' }).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: url }).redis).toEqual({ url, keyPrefix: 'tickets:' });
    expect(loadConfig({ REDIS_URL: ' redis://127.0.0.1:6379 ' }).redis?.url).toBe(
      'redis://127.0.0.1:6379',
    );
  });

  it.each([
    ['of another kind', 'http://limits:s3cret@cache.internal:6379'],
    ['without a host', 'redis://:s3cret@/0'],
    ['that is no URL', 'limits:s3cret@cache.internal'],
  ])('a REDIS_URL %s refuses to start, naming the variable but never the password', (_, url) => {
    const error = configErrorFor({ REDIS_URL: url });

    expect(error.problems).toEqual([
      'REDIS_URL: must be a URL such as redis://host:6379 or rediss://user:password@host:6380',
    ]);
    expect(error.message).not.toContain('s3cret');
  });

  it('shows the database in logs without the password of its URL', () => {
    const url = 'postgresql://tickets:s3cret@db.internal:5432/tickets';

    expect(databaseShown(loadConfig({ DATABASE_URL: url }))).toBe(
      'postgresql://tickets:***@db.internal:5432/tickets',
    );
    expect(databaseShown(loadConfig({ DATABASE_PATH: '/srv/tickets.db' }))).toBe(
      path.resolve('/srv/tickets.db'),
    );
  });

  it.each([
    ['of another database', 'mysql://tickets:s3cret@db.internal/tickets'],
    ['that is no URL', 'tickets:s3cret@db.internal'],
  ])('a DATABASE_URL %s refuses to start, naming the variable but never the password', (_, url) => {
    const error = configErrorFor({ DATABASE_URL: url });

    expect(error.problems).toEqual([
      'DATABASE_URL: must be a URL such as postgres://user:password@host:5432/tickets',
    ]);
    expect(error.message).not.toContain('s3cret');
    expect(error.stack ?? '').not.toContain('s3cret');
  });

  it.each([
    ['HOLD_DURATION_MS', 'abc', 'HOLD_DURATION_MS: must be a whole number (got "abc")'],
    ['HOLD_DURATION_MS', '999', 'HOLD_DURATION_MS: must be at least 1000 (got "999")'],
    ['PORT', '70000', 'PORT: must be at most 65535 (got "70000")'],
    ['PORT', '-1', 'PORT: must be a whole number (got "-1")'],
    ['PORT', '80.5', 'PORT: must be a whole number (got "80.5")'],
    ['PORT', '', 'PORT: must be a whole number (got "")'],
    ['MAX_TICKETS_PER_ORDER', '0', 'MAX_TICKETS_PER_ORDER: must be at least 1 (got "0")'],
    ['MAX_TICKETS_PER_ORDER', '1001', 'MAX_TICKETS_PER_ORDER: must be at most 1000 (got "1001")'],
    ['HEARTBEAT_INTERVAL_MS', '99', 'HEARTBEAT_INTERVAL_MS: must be at least 100 (got "99")'],
    [
      'HOLD_CLEANUP_INTERVAL_MS',
      'soon',
      'HOLD_CLEANUP_INTERVAL_MS: must be a whole number (got "soon")',
    ],
    ['HOST', '   ', 'HOST: must not be empty (got "   ")'],
    ['PG_POOL_SIZE', '0', 'PG_POOL_SIZE: must be at least 1 (got "0")'],
    ['PG_POOL_SIZE', '1001', 'PG_POOL_SIZE: must be at most 1000 (got "1001")'],
    ['PG_POOL_WAIT_MS', '2s', 'PG_POOL_WAIT_MS: must be a whole number (got "2s")'],
    ['PG_POOL_WAIT_MS', '0', 'PG_POOL_WAIT_MS: must be at least 1 (got "0")'],
    ['PG_LOCK_TIMEOUT_MS', '-5', 'PG_LOCK_TIMEOUT_MS: must be a whole number (got "-5")'],
    ['PG_LOCK_TIMEOUT_MS', '600001', 'PG_LOCK_TIMEOUT_MS: must be at most 600000 (got "600001")'],
    ['DATABASE_PATH', '', 'DATABASE_PATH: must not be empty (got "")'],
    ['SHUTDOWN_TIMEOUT_MS', '10s', 'SHUTDOWN_TIMEOUT_MS: must be a whole number (got "10s")'],
    ['SHUTDOWN_TIMEOUT_MS', '600001', 'SHUTDOWN_TIMEOUT_MS: must be at most 600000 (got "600001")'],
    [
      'RATE_LIMIT_SESSION_PER_MIN',
      '-1',
      'RATE_LIMIT_SESSION_PER_MIN: must be a whole number (got "-1")',
    ],
    ['RATE_LIMIT_IP_PER_MIN', 'lots', 'RATE_LIMIT_IP_PER_MIN: must be a whole number (got "lots")'],
    ['SSE_MAX_STREAMS_PER_IP', '1.5', 'SSE_MAX_STREAMS_PER_IP: must be a whole number (got "1.5")'],
    [
      'MAX_TICKETS_HELD_PER_ADDRESS',
      '-1',
      'MAX_TICKETS_HELD_PER_ADDRESS: must be a whole number (got "-1")',
    ],
    [
      'SHARED_ADDRESSES',
      '100.64.0.0/99',
      'SHARED_ADDRESSES: must be addresses or ranges such as 100.64.0.0/10, 2001:db8::/32 (got "100.64.0.0/99")',
    ],
    ['REQUEST_TIMEOUT_MS', '0', 'REQUEST_TIMEOUT_MS: must be at least 1000 (got "0")'],
    [
      'TRUST_PROXY',
      'nginx',
      'TRUST_PROXY: must be true, false, a number of proxies, or proxy addresses such as loopback, 10.0.0.0/8 (got "nginx")',
    ],
    [
      'TRUST_PROXY',
      '10.0.0.0/33',
      'TRUST_PROXY: must be true, false, a number of proxies, or proxy addresses such as loopback, 10.0.0.0/8 (got "10.0.0.0/33")',
    ],
    [
      'CORS_ORIGIN',
      'https://tickets.example.com/',
      'CORS_ORIGIN: must be origins such as https://tickets.example.com, separated by commas (got "https://tickets.example.com/")',
    ],
    [
      'CORS_ORIGIN',
      '*',
      'CORS_ORIGIN: must be origins such as https://tickets.example.com, separated by commas (got "*")',
    ],
    ['COOKIE_SECURE', 'maybe', 'COOKIE_SECURE: must be true or false (got "maybe")'],
    [
      'PUBLIC_URL',
      'ftp://tickets.example.com',
      'PUBLIC_URL: must be the web app’s address, such as https://tickets.example.com (got "ftp://tickets.example.com")',
    ],
    [
      'SMTP_URL',
      'http://smtp.example.com',
      'SMTP_URL: must be a URL such as smtps://user:password@smtp.example.com:465',
    ],
    ['MAIL_DIR', '', 'MAIL_DIR: must not be empty (got "")'],
    ['MAIL_POLL_INTERVAL_MS', '10', 'MAIL_POLL_INTERVAL_MS: must be at least 100 (got "10")'],
    [
      'REDIS_KEY_PREFIX',
      'tickets prod:',
      'REDIS_KEY_PREFIX: must be 1 to 64 printable characters without spaces (got "tickets prod:")',
    ],
    [
      'REDIS_KEY_PREFIX',
      '',
      'REDIS_KEY_PREFIX: must be 1 to 64 printable characters without spaces (got "")',
    ],
    [
      'LOG_LEVEL',
      'verbose',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ],
  ])('when %s=%j, it refuses to start and names the variable', (name, value, problem) => {
    const error = configErrorFor({ [name]: value });

    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual([problem]);
    expect(error.message).toContain(name);
  });

  it('when the hard cap is shorter than the hold duration, it names HOLD_HARD_CAP_MS', () => {
    const error = configErrorFor({ HOLD_DURATION_MS: '600000', HOLD_HARD_CAP_MS: '300000' });

    expect(error.problems).toEqual([
      'HOLD_HARD_CAP_MS: must be at least HOLD_DURATION_MS (600000) (got "300000")',
    ]);
  });

  it('when the hard cap equals the hold duration, it is accepted', () => {
    const config = loadConfig({ HOLD_DURATION_MS: '600000', HOLD_HARD_CAP_MS: '600000' });

    expect(config.holdPolicy.hardCapMs).toBe(600_000);
  });

  it('when heartbeats are not more frequent than the inactivity timeout, it names HEARTBEAT_INTERVAL_MS', () => {
    const error = configErrorFor({
      HEARTBEAT_INTERVAL_MS: '180000',
      HOLD_INACTIVITY_TIMEOUT_MS: '180000',
    });

    expect(error.problems).toEqual([
      'HEARTBEAT_INTERVAL_MS: must be shorter than HOLD_INACTIVITY_TIMEOUT_MS (180000) (got "180000")',
    ]);
  });

  it('when a longer heartbeat interval exceeds the default inactivity timeout, it is refused too', () => {
    const error = configErrorFor({ HEARTBEAT_INTERVAL_MS: '200000' });

    expect(error.problems).toEqual([
      'HEARTBEAT_INTERVAL_MS: must be shorter than HOLD_INACTIVITY_TIMEOUT_MS (180000) (got "200000")',
    ]);
  });

  it('when several variables are bad, every one is listed in a single error', () => {
    const error = configErrorFor({
      PORT: '70000',
      HOLD_DURATION_MS: 'abc',
      MAX_TICKETS_PER_ORDER: '0',
      HOST: '',
    });

    expect(error.problems).toHaveLength(4);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'PORT: must be at most 65535 (got "70000")',
        'HOLD_DURATION_MS: must be a whole number (got "abc")',
        'MAX_TICKETS_PER_ORDER: must be at least 1 (got "0")',
        'HOST: must not be empty (got "")',
      ]),
    );
    for (const name of ['PORT', 'HOLD_DURATION_MS', 'MAX_TICKETS_PER_ORDER', 'HOST']) {
      expect(error.message).toContain(`  - ${name}: `);
    }
  });

  it('when a value is invalid on its own, no cross-field rule blames a variable that was never set', () => {
    const error = configErrorFor({
      HOLD_INACTIVITY_TIMEOUT_MS: '1e3',
      HOLD_DURATION_MS: '86400001',
    });

    expect(error.problems).toEqual([
      'HOLD_DURATION_MS: must be at most 86400000 (got "86400001")',
      'HOLD_INACTIVITY_TIMEOUT_MS: must be a whole number (got "1e3")',
    ]);
  });

  it('keeps mail files beside the SQLite database unless MAIL_DIR says where', () => {
    expect(loadConfig({ DATABASE_PATH: '/srv/tickets/shop.db' }).mail.dir).toBe(
      path.resolve('/srv/tickets/mail'),
    );
    expect(
      loadConfig({ MAIL_DIR: 'outbox', INIT_CWD: path.resolve('/home/dev/shop') }).mail.dir,
    ).toBe(path.resolve('/home/dev/shop/outbox'));
  });

  it('resolves a relative DATABASE_PATH against the directory npm was started in (INIT_CWD)', () => {
    const startDir = path.resolve('/srv/tickets');

    const config = loadConfig({ DATABASE_PATH: 'data/local.db', INIT_CWD: startDir });

    expect(config.databasePath).toBe(path.join(startDir, 'data', 'local.db'));
  });

  it('resolves a relative DATABASE_PATH against the working directory when INIT_CWD is absent', () => {
    const config = loadConfig({ DATABASE_PATH: 'local.db' });

    expect(config.databasePath).toBe(path.resolve(process.cwd(), 'local.db'));
  });

  it('keeps an absolute DATABASE_PATH as it is, whatever INIT_CWD says', () => {
    const absolute = path.resolve('/var/lib/tickets/prod.db');

    const config = loadConfig({ DATABASE_PATH: absolute, INIT_CWD: path.resolve('/srv/tickets') });

    expect(config.databasePath).toBe(absolute);
  });
});
