import { z } from 'zod';

export const MailStatusSchema = z.enum(['PENDING', 'SENT', 'FAILED']);
/** PENDING: queued or being retried; SENT: handed to the mail transport; FAILED: given up. */
export type MailStatus = z.infer<typeof MailStatusSchema>;

/** A message of the product's outbox, as the developers' mail page shows it. */
export const DevMailSchema = z.object({
  id: z.int().positive(),
  to: z.string(),
  subject: z.string(),
  status: MailStatusSchema,
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  attempts: z.int().nonnegative(),
  /** Why the last attempt failed, if it did. */
  lastError: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  /** Whether a calendar invitation (`.ics`) is attached. */
  calendar: z.boolean(),
});
export type DevMail = z.infer<typeof DevMailSchema>;

/**
 * `GET /api/dev/mail`: the newest messages first, where no mail server is configured and mail
 * goes to files in `folder` on the server's host instead.
 */
export const DevMailListSchema = z.object({
  folder: z.string(),
  messages: z.array(DevMailSchema),
});
export type DevMailList = z.infer<typeof DevMailListSchema>;
