/** A message to a shopper, kept in the outbox of the transaction that had it to say. */
export interface MailMessage {
  recipient: string;
  subject: string;
  body: string;
  createdAt: number;
}

/** The mail outbox: messages are written in the transaction that decides them, never lost. */
export interface MailRepo {
  record(message: MailMessage): Promise<void>;
  /** The messages to `recipient`, oldest first. */
  sentTo(recipient: string): Promise<MailMessage[]>;
}
