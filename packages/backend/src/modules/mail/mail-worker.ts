import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createTicketCodes } from '../tickets/ticket-codes.js';
import { createMailTransport } from './delivery.js';
import type { SenderRequest, SenderReply, SenderSetup } from './sender-thread.js';

/**
 * Makes this thread the last to get a processor: composing a message and drawing its QR codes
 * takes milliseconds, which a rush of purchases on the requests' thread needs more. On Linux a
 * thread's priority is its own (by its thread id); elsewhere the thread keeps the process's.
 */
function yieldToRequests(): void {
  try {
    const threadId = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    os.setPriority(threadId, os.constants.priority.PRIORITY_LOW);
  } catch {
    // No /proc/thread-self: not Linux.
  }
}

const port = parentPort;
if (port) {
  yieldToRequests();
  const setup = workerData as SenderSetup;
  const transport = createMailTransport(setup.config, {
    publicUrl: setup.publicUrl,
    ticketCodes: createTicketCodes(Buffer.from(setup.databaseSecret)),
  });
  port.on('message', (request: SenderRequest) => {
    transport.send(request.mail).then(
      () => {
        port.postMessage({ id: request.id } satisfies SenderReply);
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        port.postMessage({ id: request.id, error: message } satisfies SenderReply);
      },
    );
  });
  port.on('close', () => {
    transport.close();
  });
}
