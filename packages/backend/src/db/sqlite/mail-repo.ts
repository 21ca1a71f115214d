import type { MailMessage, MailRepo } from '../../modules/mail/mail.repo.js';
import type { Sqlite } from './driver.js';

export function createMailRepo(sqlite: Sqlite): MailRepo {
  const insert = sqlite.prepare<MailMessage>(
    `INSERT INTO mail_outbox (recipient, subject, body, created_at)
     VALUES (@recipient, @subject, @body, @createdAt)`,
  );
  const sentTo = sqlite.prepare<[string], MailMessage>(
    `SELECT recipient, subject, body, created_at AS createdAt FROM mail_outbox
     WHERE recipient = ? ORDER BY id`,
  );
  return {
    async record(message) {
      insert.run(message);
    },
    async sentTo(recipient) {
      return sentTo.all(recipient);
    },
  };
}
