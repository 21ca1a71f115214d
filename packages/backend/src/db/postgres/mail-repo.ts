import type { MailMessage, MailRepo } from '../../modules/mail/mail.repo.js';
import type { Queries } from './queries.js';

export function createMailRepo(q: Queries): MailRepo {
  return {
    async record(message) {
      await q.run(
        `INSERT INTO mail_outbox (recipient, subject, body, created_at) VALUES ($1, $2, $3, $4)`,
        [message.recipient, message.subject, message.body, message.createdAt],
      );
    },
    async sentTo(recipient) {
      return q.rows<MailMessage>(
        `SELECT recipient, subject, body, created_at AS "createdAt" FROM mail_outbox
         WHERE recipient = $1 ORDER BY id`,
        [recipient],
      );
    },
  };
}
