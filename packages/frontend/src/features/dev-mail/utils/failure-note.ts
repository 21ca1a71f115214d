import type { DevMail } from '@ticket-booking/shared';
import { formatCount } from '../../../lib/format';

/** Why a message's last try failed, said as where that leaves the message; null if none did. */
export function failureNote(
  mail: Pick<DevMail, 'status' | 'lastError' | 'attempts'>,
): string | null {
  if (mail.lastError === null) return null;
  switch (mail.status) {
    case 'FAILED':
      return `Gave up after ${formatCount(mail.attempts, 'attempt', 'attempts')}: ${mail.lastError}`;
    case 'PENDING':
      return `Last try failed, to be retried: ${mail.lastError}`;
    case 'SENT':
      return `Sent after an earlier try failed: ${mail.lastError}`;
  }
}
