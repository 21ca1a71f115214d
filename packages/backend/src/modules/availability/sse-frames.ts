import type { ServerResponse } from 'node:http';
import { AVAILABILITY_EVENT, type AvailabilityEvent } from '@ticket-booking/shared';

/** An event as the stream sends it. */
export function frameOf(event: AvailabilityEvent): Buffer {
  return Buffer.from(
    `id: ${event.version}\nevent: ${AVAILABILITY_EVENT}\ndata: ${JSON.stringify(event)}\n\n`,
  );
}

export const KEEP_ALIVE = Buffer.from(': keep-alive\n\n');

const CRLF = Buffer.from('\r\n');

/** `frame` as one chunk of a chunked HTTP/1.1 body. */
function chunkOf(frame: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${frame.length.toString(16)}\r\n`), frame, CRLF]);
}

/** Pre-framed chunks are cached per frame buffer, so a fan-out frames each event once. */
const chunks = new WeakMap<Buffer, Buffer>();
function cachedChunkOf(frame: Buffer): Buffer {
  let chunk = chunks.get(frame);
  if (!chunk) {
    chunk = chunkOf(frame);
    chunks.set(frame, chunk);
  }
  return chunk;
}

/** How to write to this response, and what says when a full buffer has drained. */
export function senderFor(res: ServerResponse): {
  send: (frame: Buffer) => boolean;
  drains: NodeJS.EventEmitter;
} {
  const socket = res.socket;
  if (res.chunkedEncoding && socket) {
    return { send: (frame) => socket.write(cachedChunkOf(frame)), drains: socket };
  }
  return { send: (frame) => res.write(frame), drains: res };
}
