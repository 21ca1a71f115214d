import type { MailStatus } from '@ticket-booking/shared';
import type { MailLetter } from './letters.js';

/** A message to a shopper, kept in the outbox of the transaction that had it to say. */
export interface MailMessage {
  recipient: string;
  /** Kept beside the letter, for lists of messages. */
  subject: string;
  letter: MailLetter;
  createdAt: number;
}

/** A message taken from the outbox to be sent. */
export interface OutgoingMail {
  id: number;
  recipient: string;
  subject: string;
  createdAt: number;
  /** Tries so far, this one included. */
  attempts: number;
  /** What it says; absent in a message written whole, as the outbox once kept them. */
  letter?: MailLetter;
  /** A message written whole: its plain text, HTML and calendar entry (JSON). */
  body: string;
  html?: string;
  calendar?: string;
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
  sentTo(recipient: string): Promise<OutgoingMail[]>;
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
