import type { MailStatus } from '@ticket-booking/shared';

/** A message to a shopper, kept in the outbox of the transaction that had it to say. */
export interface MailMessage {
  recipient: string;
  subject: string;
  /** The plain-text version. */
  body: string;
  html?: string;
  /** An iCalendar invitation to attach. */
  calendar?: string;
  createdAt: number;
}

/** A message taken from the outbox to be sent. */
export interface OutgoingMail extends MailMessage {
  id: number;
  /** Tries so far, this one included. */
  attempts: number;
}

/** A message with what became of it. */
export interface StoredMail extends OutgoingMail {
  status: MailStatus;
  sentAt: number | null;
  lastError: string | null;
}

/**
 * The mail outbox: messages are written in the transaction that decides them, never lost, and
 * sent once it has committed.
 */
export interface MailRepo {
  record(message: MailMessage): Promise<void>;
  /** The messages to `recipient`, oldest first. */
  sentTo(recipient: string): Promise<MailMessage[]>;
  /**
   * Takes up to `limit` messages due at `now`, oldest first, counting an attempt of each and
   * leaving them to the caller until `leaseUntil`: no other worker takes them before then.
   */
  claimDue(now: number, leaseUntil: number, limit: number): Promise<OutgoingMail[]>;
  /** The messages were taken by the transport. */
  markSent(ids: number[], now: number): Promise<void>;
  /** The attempt failed: the message is due again at `at`. */
  retryAt(id: number, at: number, error: string): Promise<void>;
  /** The last attempt failed: the message is given up on. */
  markFailed(id: number, error: string): Promise<void>;
  /** The newest `limit` messages, newest first. */
  recent(limit: number): Promise<StoredMail[]>;
}
