import type { MailLetter } from '../../modules/mail/letters.js';
import type { MailRepo, OutgoingMail, StoredMail } from '../../modules/mail/mail.repo.js';
import type { Sqlite } from './driver.js';

const COLUMNS = `id, recipient, subject, letter, body, html, calendar, attempts,
  created_at AS createdAt`;

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

export function createMailRepo(sqlite: Sqlite): MailRepo {
  const insert = sqlite.prepare<[string, string, string, number]>(
    `INSERT INTO mail_outbox (recipient, subject, body, letter, created_at)
     VALUES (?, ?, '', ?, ?)`,
  );
  const sentTo = sqlite.prepare<[string], Row>(
    `SELECT ${COLUMNS} FROM mail_outbox WHERE recipient = ? ORDER BY id`,
  );
  const claimDue = sqlite.prepare<[number, number, number], Row>(
    `UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?
     WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'PENDING' AND next_attempt_at <= ?
                  ORDER BY next_attempt_at, id LIMIT ?)
     RETURNING ${COLUMNS}`,
  );
  const markSent = sqlite.prepare<[number, string]>(
    `UPDATE mail_outbox SET status = 'SENT', sent_at = ?, last_error = NULL
     WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const retryAt = sqlite.prepare<[number, string, number]>(
    `UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?`,
  );
  const markFailed = sqlite.prepare<[string, number]>(
    `UPDATE mail_outbox SET status = 'FAILED', last_error = ? WHERE id = ?`,
  );
  const recent = sqlite.prepare<[number], Row & Omit<StoredMail, keyof OutgoingMail>>(
    `SELECT ${COLUMNS}, status, sent_at AS sentAt, last_error AS lastError
     FROM mail_outbox ORDER BY id DESC LIMIT ?`,
  );
  return {
    async record(message) {
      insert.run(
        message.recipient,
        message.subject,
        JSON.stringify(message.letter),
        message.createdAt,
      );
    },
    async sentTo(recipient) {
      return sentTo.all(recipient).map(fromRow);
    },
    async claimDue(now, leaseUntil, limit) {
      return claimDue
        .all(leaseUntil, now, limit)
        .map(fromRow)
        .sort((a, b) => a.id - b.id);
    },
    async markSent(ids, now) {
      markSent.run(now, JSON.stringify(ids));
    },
    async retryAt(id, at, error) {
      retryAt.run(at, error, id);
    },
    async markFailed(id, error) {
      markFailed.run(error, id);
    },
    async recent(limit) {
      return recent.all(limit).map(fromRow);
    },
  };
}
