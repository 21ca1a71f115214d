// Longer than most files: every environment variable, its default and its check, in one list.
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const backendRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the database lives unless DATABASE_PATH says otherwise: git-ignored `data/`. */
export const DEFAULT_DATABASE_PATH = path.join(backendRoot, 'data', 'tickets.db');

/** The built web app that `npm start` serves beside the API, when it has been built. */
export const FRONTEND_DIST_DIR = path.resolve(backendRoot, '../frontend/dist');

function wholeNumber(min: number, max: number, fallback: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    )
    .optional()
    .transform((value) => value ?? fallback);
}

const DAY_MS = 24 * 60 * 60 * 1000;

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One entry of a `trust proxy` list: a name Express knows, an address, or a subnet. */
function isProxyAddress(entry: string): boolean {
  return PROXY_NAMES.has(entry) || isAddressRange(entry);
}

/** An address, or a range of them in CIDR notation. */
function isAddressRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function isOrigin(value: string): boolean {
  return URL.canParse(value) && new URL(value).origin === value;
}
function isPostgresUrl(value: string): boolean {
  return URL.canParse(value) && ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
}
function isRedisUrl(value: string): boolean {
  return (
    URL.canParse(value) &&
    ['redis:', 'rediss:'].includes(new URL(value).protocol) &&
    new URL(value).hostname !== ''
  );
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Long enough that guessing it is hopeless, even with no limit on tries. */
const BEARER_TOKEN = z
  .string()
  .regex(/^[\x21-\x7e]{32,256}$/, {
    error: 'must be 32 to 256 printable characters without spaces',
  })
  .optional();

const EnvSchema = z
  .object({
    PORT: wholeNumber(0, 65535, 3001),
    HOST: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .optional()
      .transform((value) => value ?? '127.0.0.1'),
    DATABASE_PATH: z.string().trim().min(1, { error: 'must not be empty' }).optional(),
    DATABASE_URL: z
      .string()
      .trim()
      .refine(isPostgresUrl, {
        error: 'must be a URL such as postgres://user:password@host:5432/tickets',
      })
      .optional(),
    // One instance's share of PostgreSQL's max_connections (100 by default), which every
    // instance, the seed and the change feed draw from: ten each leaves room for several.
    PG_POOL_SIZE: wholeNumber(1, 1000, 10),
    PG_POOL_WAIT_MS: wholeNumber(1, 10 * 60_000, 2000),
    PG_LOCK_TIMEOUT_MS: wholeNumber(1, 10 * 60_000, 2000),
    HOLD_DURATION_MS: wholeNumber(1000, DAY_MS, 600_000),
    HOLD_INACTIVITY_TIMEOUT_MS: wholeNumber(1000, DAY_MS, 180_000),
    HOLD_HIDDEN_GRACE_MS: wholeNumber(0, DAY_MS, 60_000),
    HOLD_HARD_CAP_MS: wholeNumber(1000, DAY_MS, 900_000),
    HOLD_LEAVE_GRACE_MS: wholeNumber(0, DAY_MS, 10_000),
    HEARTBEAT_INTERVAL_MS: wholeNumber(100, DAY_MS, 30_000),
    HOLD_CLEANUP_INTERVAL_MS: wholeNumber(100, DAY_MS, 10_000),
    MAX_TICKETS_PER_ORDER: wholeNumber(1, 1000, 10),
    SSE_COALESCE_MS: wholeNumber(1, 60_000, 100),
    SSE_KEEPALIVE_MS: wholeNumber(1000, DAY_MS, 15_000),
    SSE_RETRY_MS: wholeNumber(100, DAY_MS, 3000),
    SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 10 * 60_000, 10_000),
    // A shopper writes a few times a minute (checkout, a heartbeat every 30 s and on coming back
    // to the tab, pay, a retry): 120 a minute per session is far above that. One address may be
    // a carrier or office NAT: 3,000 writes a minute lets some 300 shoppers behind it have their
    // busiest minute at once, while one bot gets 50 a second, a small share of the thousands of
    // holds a second one process takes. 1,000 streams (some 15 MB of memory) cover a large NAT's
    // open concert pages, yet one client cannot fill the server's memory with them.
    RATE_LIMIT_SESSION_PER_MIN: wholeNumber(0, 1_000_000, 120),
    RATE_LIMIT_IP_PER_MIN: wholeNumber(0, 1_000_000, 3000),
    SSE_MAX_STREAMS_PER_IP: wholeNumber(0, 1_000_000, 1000),
    // Tickets of one concert held at once from one address, whatever its sessions: a family's
    // order or two behind a home router, a few dozen shoppers' at once behind a shared one, and
    // all a scalper's script gets however many sessions it starts.
    MAX_TICKETS_HELD_PER_ADDRESS: wholeNumber(0, 1_000_000, 40),
    // Addresses many shoppers share (a carrier's NAT, a campus proxy) hold up to this instead.
    MAX_TICKETS_HELD_PER_SHARED_ADDRESS: wholeNumber(0, 1_000_000, 400),
    // Carrier-grade NAT's range (RFC 6598) unless set; an empty value names none.
    SHARED_ADDRESSES: z
      .string()
      .trim()
      .refine(
        (value) => value === '' || value.split(',').every((entry) => isAddressRange(entry.trim())),
        { error: 'must be addresses or ranges such as 100.64.0.0/10, 2001:db8::/32' },
      )
      .optional()
      .transform((value) =>
        (value ?? '100.64.0.0/10')
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== ''),
      ),
    // After a hold runs out at its hard cap, its session waits this long before holding the same
    // concert's tickets again: the cap bounds a shopper's holding, not one hold's.
    HOLD_CAP_COOLDOWN_MS: wholeNumber(0, DAY_MS, 600_000),
    REDIS_URL: z
      .string()
      .trim()
      .refine(isRedisUrl, {
        error: 'must be a URL such as redis://host:6379 or rediss://user:password@host:6380',
      })
      .optional(),
    // Several deployments (staging, production) may share one Redis, each under a prefix.
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\x21-\x7e]{1,64}$/, {
        error: 'must be 1 to 64 printable characters without spaces',
      })
      .optional()
      .transform((value) => value ?? 'tickets:'),
    TRUST_PROXY: z
      .string()
      .trim()
      .refine(
        (value) =>
          value === 'true' ||
          value === 'false' ||
          /^\d+$/.test(value) ||
          value.split(',').every((entry) => isProxyAddress(entry.trim())),
        {
          error:
            'must be true, false, a number of proxies, or proxy addresses such as loopback, 10.0.0.0/8',
        },
      )
      .transform((value): boolean | number | string => {
        if (value === 'true' || value === 'false') return value === 'true';
        return /^\d+$/.test(value) ? Number(value) : value;
      })
      .optional()
      .transform((value) => value ?? false),
    REQUEST_TIMEOUT_MS: wholeNumber(1000, DAY_MS, 30_000),
    KEEP_ALIVE_TIMEOUT_MS: wholeNumber(1000, DAY_MS, 5000),
    CORS_ORIGIN: z
      .string()
      .transform((value) => value.split(',').map((origin) => origin.trim()))
      .refine((origins) => origins.every(isOrigin), {
        error: 'must be origins such as https://tickets.example.com, separated by commas',
      })
      .optional()
      .transform((origins) => origins ?? []),
    PUBLIC_URL: z
      .string()
      .trim()
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
        error: 'must be the web app’s address, such as https://tickets.example.com',
      })
      .optional()
      .transform((value) => value ?? 'http://localhost:5173'),
    SMTP_URL: z
      .string()
      .trim()
      .refine(
        (value) => URL.canParse(value) && ['smtp:', 'smtps:'].includes(new URL(value).protocol),
        { error: 'must be a URL such as smtps://user:password@smtp.example.com:465' },
      )
      .optional(),
    MAIL_FROM: z
      .string()
      .trim()
      .min(3, { error: 'must be an address such as Tickets <tickets@example.com>' })
      .optional()
      .transform((value) => value ?? 'Tickets <tickets@localhost>'),
    MAIL_DIR: z.string().trim().min(1, { error: 'must not be empty' }).optional(),
    MAIL_POLL_INTERVAL_MS: wholeNumber(100, DAY_MS, 1000),
    COOKIE_SECURE: z
      .stringbool({ error: 'must be true or false' })
      .optional()
      .transform((value) => value ?? false),
    LOG_LEVEL: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
      .optional()
      .transform((value) => value ?? 'info'),
    ADMIN_TOKEN: BEARER_TOKEN,
    DOOR_TOKEN: BEARER_TOKEN,
  })
  .check((ctx) => {
    // Compare only values that are valid on their own; a bad one is reported already.
    if (ctx.issues.length > 0) return;
    const env = ctx.value;
    if (env.HOLD_HARD_CAP_MS < env.HOLD_DURATION_MS) {
      ctx.issues.push({
        code: 'custom',
        input: env.HOLD_HARD_CAP_MS,
        path: ['HOLD_HARD_CAP_MS'],
        message: `must be at least HOLD_DURATION_MS (${env.HOLD_DURATION_MS})`,
      });
    }
    if (env.HEARTBEAT_INTERVAL_MS >= env.HOLD_INACTIVITY_TIMEOUT_MS) {
      ctx.issues.push({
        code: 'custom',
        input: env.HEARTBEAT_INTERVAL_MS,
        path: ['HEARTBEAT_INTERVAL_MS'],
        message: `must be shorter than HOLD_INACTIVITY_TIMEOUT_MS (${env.HOLD_INACTIVITY_TIMEOUT_MS})`,
      });
    }
  });

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** A PostgreSQL database to keep everything in instead of the SQLite file at `databasePath`. */
  databaseUrl?: string;
  /** The PostgreSQL store's limits; unused on SQLite. */
  postgres: {
    /** Connections this instance keeps at most; a write holds one from BEGIN to COMMIT. */
    poolSize: number;
    /** How long a request waits for a free connection before it is answered 503 BUSY. */
    poolWaitMs: number;
    /** How long a statement waits for a row lock before its write is tried again. */
    lockTimeoutMs: number;
  };
  holdPolicy: {
    holdDurationMs: number;
    inactivityTimeoutMs: number;
    hiddenGraceMs: number;
    hardCapMs: number;
    heartbeatIntervalMs: number;
    leaveGraceMs: number;
  };
  holdCleanupIntervalMs: number;
  maxTicketsPerOrder: number;
  sse: {
    /** The shortest gap between two availability events of one concert. */
    coalesceMs: number;
    keepAliveMs: number;
    retryMs: number;
  };
  /** How long a stopping server lets requests in flight finish before it cuts them. */
  shutdownTimeoutMs: number;
  /** Limits on what one shopper or one address can ask of this process; 0 turns one off. */
  abuseLimits: {
    sessionWritesPerMinute: number;
    ipWritesPerMinute: number;
    streamsPerIp: number;
    /** Tickets of one concert held at once from one client address; 0 for no bound. */
    ticketsHeldPerAddress: number;
    /** The same from an address in `sharedAddresses`, which many shoppers share. */
    ticketsHeldPerSharedAddress: number;
    /** Addresses and CIDR ranges many shoppers share. */
    sharedAddresses: string[];
    /** How long a session whose hold ran out at its hard cap waits to hold again; 0: not at all. */
    hardCapCooldownMs: number;
  };
  /**
   * Where the limits keep their counts, shared by every instance: a Redis server. Without it,
   * each process counts in its own memory.
   */
  redis?: {
    url: string;
    /** Put before every key the server writes, so that deployments sharing a Redis never meet. */
    keyPrefix: string;
  };
  http: {
    /** Express's `trust proxy`: which X-Forwarded-For hops name the real client. */
    trustProxy: boolean | number | string;
    /** The longest a client may take to send a whole request, headers and body. */
    requestTimeoutMs: number;
    /** How long an idle kept-alive connection waits for its next request. */
    keepAliveTimeoutMs: number;
    /** Browser origins allowed to call the API with the session cookie; none by default. */
    corsOrigins: string[];
    /** The session cookie is sent over HTTPS only. */
    cookieSecure: boolean;
    /** The web app's address, for links in messages to shoppers. */
    publicUrl: string;
  };
  logLevel: LogLevel;
  /** The bearer token of the organizer API; without one, that API does not exist. */
  adminToken?: string;
  /** A bearer token for door staff: it checks tickets in, and opens nothing else. */
  doorToken?: string;
  mail: MailConfig;
}

/** How messages of the outbox leave: through a mail server, or into files for a developer. */
export interface MailConfig {
  /** The mail server; without one, messages are written to `dir` as `.eml` files. */
  smtpUrl?: string;
  /** The sender of every message. */
  from: string;
  dir: string;
  /** How often each instance looks for messages to send. */
  pollIntervalMs: number;
}

/** A URL as a log line may show it: without its password. */
export function withoutPassword(value: string): string {
  const url = new URL(value);
  if (url.password !== '') url.password = '***';
  return url.toString();
}

// DATABASE_URL may carry a password.
/** Where the data is kept, as a log line may show it: the URL loses its password. */
export function databaseShown(config: Pick<Config, 'databasePath' | 'databaseUrl'>): string {
  if (config.databaseUrl === undefined) return config.databasePath;
  return withoutPassword(config.databaseUrl);
}

const SECRETS = new Set(['ADMIN_TOKEN', 'DOOR_TOKEN', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment once, at startup. Every bad variable is reported together, by name.
 * A relative DATABASE_PATH is taken from the directory the command was started in (npm runs
 * workspace scripts elsewhere, and tells us the original directory in INIT_CWD).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        // A secret is never echoed: the message ends up in logs.
        const raw = SECRETS.has(name) ? undefined : env[name];
        return `${name}: ${issue.message}${raw === undefined ? '' : ` (got "${raw}")`}`;
      }),
    );
  }
  const e = parsed.data;
  const startDir = env.INIT_CWD ?? process.cwd();
  const databasePath = e.DATABASE_PATH
    ? path.resolve(startDir, e.DATABASE_PATH)
    : DEFAULT_DATABASE_PATH;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath,
    databaseUrl: e.DATABASE_URL,
    postgres: {
      poolSize: e.PG_POOL_SIZE,
      poolWaitMs: e.PG_POOL_WAIT_MS,
      lockTimeoutMs: e.PG_LOCK_TIMEOUT_MS,
    },
    holdPolicy: {
      holdDurationMs: e.HOLD_DURATION_MS,
      inactivityTimeoutMs: e.HOLD_INACTIVITY_TIMEOUT_MS,
      hiddenGraceMs: e.HOLD_HIDDEN_GRACE_MS,
      hardCapMs: e.HOLD_HARD_CAP_MS,
      heartbeatIntervalMs: e.HEARTBEAT_INTERVAL_MS,
      leaveGraceMs: e.HOLD_LEAVE_GRACE_MS,
    },
    holdCleanupIntervalMs: e.HOLD_CLEANUP_INTERVAL_MS,
    maxTicketsPerOrder: e.MAX_TICKETS_PER_ORDER,
    sse: {
      coalesceMs: e.SSE_COALESCE_MS,
      keepAliveMs: e.SSE_KEEPALIVE_MS,
      retryMs: e.SSE_RETRY_MS,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    abuseLimits: {
      sessionWritesPerMinute: e.RATE_LIMIT_SESSION_PER_MIN,
      ipWritesPerMinute: e.RATE_LIMIT_IP_PER_MIN,
      streamsPerIp: e.SSE_MAX_STREAMS_PER_IP,
      ticketsHeldPerAddress: e.MAX_TICKETS_HELD_PER_ADDRESS,
      ticketsHeldPerSharedAddress: e.MAX_TICKETS_HELD_PER_SHARED_ADDRESS,
      sharedAddresses: e.SHARED_ADDRESSES,
      hardCapCooldownMs: e.HOLD_CAP_COOLDOWN_MS,
    },
    redis:
      e.REDIS_URL === undefined ? undefined : { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    http: {
      trustProxy: e.TRUST_PROXY,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
      corsOrigins: e.CORS_ORIGIN,
      cookieSecure: e.COOKIE_SECURE,
      publicUrl: e.PUBLIC_URL,
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      dir: e.MAIL_DIR
        ? path.resolve(startDir, e.MAIL_DIR)
        : path.join(path.dirname(databasePath), 'mail'),
      pollIntervalMs: e.MAIL_POLL_INTERVAL_MS,
    },
    logLevel: e.LOG_LEVEL,
    adminToken: e.ADMIN_TOKEN,
    doorToken: e.DOOR_TOKEN,
  };
}
