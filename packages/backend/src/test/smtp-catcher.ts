import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message the server accepted, parsed, in the order they came. */
  received: ParsedMail[];
  /** While set, every message is refused with a temporary failure (451). */
  refusing: boolean;
  /** Resolves once `count` messages have been accepted. */
  receivedCount(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server on a port of the test's own, keeping what it is sent. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const waiters: { count: number; done: () => void }[] = [];
  const catcher: SmtpCatcher = {
    url: '',
    received: [],
    refusing: false,
    receivedCount: (count) =>
      new Promise<void>((done) => {
        waiters.push({ count, done });
        settle();
      }),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          done();
        });
      }),
  };
  function settle() {
    for (const waiter of [...waiters]) {
      if (catcher.received.length < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.done();
    }
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (catcher.refusing) {
        stream.resume();
        stream.on('end', () => {
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        });
        return;
      }
      // Images stay referred to by content id, as a mail client finds them.
      simpleParser(stream, { keepCidLinks: true }).then(
        (mail) => {
          catcher.received.push(mail);
          callback();
          settle();
        },
        (error: unknown) => {
          callback(error as Error);
        },
      );
    },
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  catcher.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return catcher;
}
