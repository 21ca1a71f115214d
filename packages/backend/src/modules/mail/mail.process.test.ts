import { afterEach, describe, expect, it } from 'vitest';
import { storedRows } from '../../test/inspect.js';
import { MAIL_UNSENT_MS, NO_ABUSE_LIMITS, startServerProcess } from '../../test/server-process.js';
import { createShopper } from '../../test/shopper.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../test/smtp-catcher.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createSharedTestDatabase } from '../../test/test-app.js';

const CONCERT = 'night-ferry';
/** Long enough that the process never looks at the outbox while the test runs. */

async function buyOne(url: string): Promise<void> {
  const shopper = createShopper(url);
  expect((await shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 1 }])).status).toBe(201);
  expect((await shopper.book(CONCERT)).status).toBe(201);
}

describe('mail from server processes', () => {
  const started = stoppedAfterEach();
  let smtp: SmtpCatcher | undefined;

  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it('a confirmation whose server was killed before sending it is sent once by the next one', async () => {
    smtp = await startSmtpCatcher();
    const database = started.database(
      await createSharedTestDatabase([{ id: CONCERT, tiers: [{ code: 'ga', total: 10 }] }]),
    );
    const env = { ...database.env, ...NO_ABUSE_LIMITS, SMTP_URL: smtp.url };
    const killed = started.server(
      await startServerProcess({ ...env, MAIL_POLL_INTERVAL_MS: MAIL_UNSENT_MS }),
    );

    await buyOne(killed.url);
    killed.child.kill('SIGKILL');
    await killed.exited;
    const queued = await storedRows<{ status: string }>(
      database.db,
      'SELECT status FROM mail_outbox',
    );
    const next = started.server(await startServerProcess({ ...env, MAIL_POLL_INTERVAL_MS: '100' }));
    await smtp.receivedCount(1);
    // A second purchase through it: had the first been sent again, it would have come first.
    await buyOne(next.url);
    await smtp.receivedCount(2);

    expect(queued).toEqual([{ status: 'PENDING' }]);
    expect(smtp.received).toHaveLength(2);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(2);
    // Marked sent once the batch is through, a moment after the mail server has it.
    await expect
      .poll(() => storedRows(database.db, 'SELECT status, attempts FROM mail_outbox ORDER BY id'))
      .toEqual([
        { status: 'SENT', attempts: 1 },
        { status: 'SENT', attempts: 1 },
      ]);
  });

  it.skipIf(postgresSkipped())(
    'three processes on one PostgreSQL database sending the outbox at once send each message once',
    async () => {
      const PURCHASES = 30;
      smtp = await startSmtpCatcher();
      const database = started.database(
        await createSharedTestDatabase(
          [{ id: CONCERT, tiers: [{ code: 'ga', total: PURCHASES + 1 }] }],
          'postgres',
        ),
      );
      const env = {
        ...database.env,
        ...NO_ABUSE_LIMITS,
        SMTP_URL: smtp.url,
        MAIL_POLL_INTERVAL_MS: '100',
      };
      const servers = started.servers(
        await Promise.all([1, 2, 3].map(() => startServerProcess(env))),
      );

      await Promise.all(
        Array.from({ length: PURCHASES }, (_, i) => buyOne(servers[i % 3]?.url ?? '')),
      );
      await smtp.receivedCount(PURCHASES);
      await buyOne(servers[0]?.url ?? '');
      await smtp.receivedCount(PURCHASES + 1);

      expect(smtp.received).toHaveLength(PURCHASES + 1);
      expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(PURCHASES + 1);
      await expect
        .poll(() =>
          storedRows<{ status: string; attempts: number; n: number | string }>(
            database.db,
            'SELECT status, attempts, COUNT(*) AS n FROM mail_outbox GROUP BY status, attempts',
          ),
        )
        .toEqual([{ status: 'SENT', attempts: 1, n: expect.anything() }]);
    },
  );
});
