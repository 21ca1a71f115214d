import type { MailLetter } from '../../modules/mail/letters.js';
import type { MailRepo, OutgoingMail, StoredMail } from '../../modules/mail/mail.repo.js';
import type { Queries } from './queries.js';

const COLUMNS = `id, recipient, subject, letter, body, html, calendar, attempts,
  created_at AS "createdAt"`;

type Row = Omit<OutgoingMail, 'letter' | 'html' | 'calendar'> & {
  letter: string | null;
  html: string | null;
  calendar: string | null;
};

function fromRow<R extends Row>(row: R): Omit<R, keyof Row> & OutgoingMail {
  return {
    ...row,
    letter: row.letter === null ? undefined : (JSON.parse(row.letter) as MailLetter),
    html: row.html ?? undefined,
    calendar: row.calendar ?? undefined,
  };
}

export function createMailRepo(q: Queries): MailRepo {
  return {
    async record(message) {
      await q.run(
        `INSERT INTO mail_outbox (recipient, subject, body, letter, created_at)
         VALUES ($1, $2, '', $3, $4)`,
        [message.recipient, message.subject, JSON.stringify(message.letter), message.createdAt],
      );
    },
    async sentTo(recipient) {
      const rows = await q.rows<Row>(
        `SELECT ${COLUMNS} FROM mail_outbox WHERE recipient = $1 ORDER BY id`,
        [recipient],
      );
      return rows.map(fromRow);
    },
    async claimDue(now, leaseUntil, limit) {
      // SKIP LOCKED: instances claiming at once each take messages of their own.
      const rows = await q.rows<Row>(
        `UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1
         WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'PENDING' AND next_attempt_at <= $2
                      ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [leaseUntil, now, limit],
      );
      return rows.map(fromRow).sort((a, b) => a.id - b.id);
    },
    async markSent(ids, now) {
      await q.run(
        `UPDATE mail_outbox SET status = 'SENT', sent_at = $1, last_error = NULL
         WHERE id = ANY($2::BIGINT[])`,
        [now, ids],
      );
    },
    async retryAt(id, at, error) {
      await q.run(`UPDATE mail_outbox SET next_attempt_at = $1, last_error = $2 WHERE id = $3`, [
        at,
        error,
        id,
      ]);
    },
    async markFailed(id, error) {
      await q.run(`UPDATE mail_outbox SET status = 'FAILED', last_error = $1 WHERE id = $2`, [
        error,
        id,
      ]);
    },
    async recent(limit) {
      const rows = await q.rows<Row & Omit<StoredMail, keyof OutgoingMail>>(
        `SELECT ${COLUMNS}, status, sent_at AS "sentAt", last_error AS "lastError"
         FROM mail_outbox ORDER BY id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(fromRow);
    },
  };
}
