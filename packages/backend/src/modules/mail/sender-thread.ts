import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MailConfig } from '../../config/config.js';
import { mailDestination, type MailTransport } from './delivery.js';
import type { OutgoingMail } from './mail.repo.js';

/** What the sending thread is started with. */
export interface SenderSetup {
  config: MailConfig;
  publicUrl: string;
  /** The database's secret, from which ticket codes are signed. */
  databaseSecret: Uint8Array;
}

export interface SenderRequest {
  id: number;
  mail: OutgoingMail;
}

export interface SenderReply {
  id: number;
  /** Why the transport did not take the message. */
  error?: string;
}

/** Run from source (through tsx), this module is TypeScript, and so is the worker's. */
const FROM_SOURCE = fileURLToPath(import.meta.url).endsWith('.ts');

function startWorker(setup: SenderSetup): Worker {
  const entry = new URL(`./mail-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
  if (!FROM_SOURCE) return new Worker(entry, { workerData: setup });
  // Node 20 gives a worker none of its parent's module loaders: it registers tsx's itself
  // before it loads its module.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap =
    `import(${JSON.stringify(tsx)}).then(({ register }) => ` +
    `{ register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

/**
 * The transport of `config`, run in a thread of its own at the lowest priority: rendering,
 * QR codes and SMTP leave the requests' thread alone. A thread that dies fails the messages it
 * had (they are tried again, as any failed try) and the next message starts another.
 */
export function createThreadedTransport(setup: SenderSetup): MailTransport {
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  const failAll = (error: Error): void => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  const thread = (): Worker => {
    if (worker) return worker;
    const started = startWorker(setup);
    started.unref();
    started.on('message', (reply: SenderReply) => {
      const request = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error === undefined) request?.resolve();
      else request?.reject(new Error(reply.error));
    });
    started.on('error', (error) => {
      failAll(error);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`The mail thread stopped (exit code ${code})`));
    });
    worker = started;
    return started;
  };

  return {
    destination: mailDestination(setup.config),
    send(mail) {
      return new Promise((resolve, reject) => {
        next += 1;
        waiting.set(next, { resolve, reject });
        thread().postMessage({ id: next, mail } satisfies SenderRequest);
      });
    },
    close() {
      void worker?.terminate();
      worker = undefined;
    },
  };
}
