import type { ServerResponse } from 'node:http';
import {
  AVAILABILITY_EVENT,
  encodeSeatCodes,
  SEAT_CHANGES_EVENT,
  SEAT_STATE_CODES,
  SEATS_EVENT,
  type AvailabilityEvent,
  type SeatChangesEvent,
  type SeatsEvent,
} from '@ticket-booking/shared';

/** A seated concert's seats: one state code (`SEAT_STATE_CODES`) per seat, in plan order. */
export interface SeatStates {
  /** The concert's availability version they were read at. */
  version: number;
  codes: Uint8Array;
}

/** An event as the stream sends it. */
export function frameOf(event: AvailabilityEvent): Buffer {
  return Buffer.from(
    `id: ${event.version}\nevent: ${AVAILABILITY_EVENT}\ndata: ${JSON.stringify(event)}\n\n`,
  );
}

/** All of a seated concert's seats, as a `seats` event: a few KB for an arena. */
export function seatsFrameOf(concertId: string, seats: SeatStates): Buffer {
  const event: SeatsEvent = {
    concertId,
    version: seats.version,
    seatCount: seats.codes.length,
    states: encodeSeatCodes(seats.codes),
  };
  return Buffer.from(`event: ${SEATS_EVENT}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** The seats whose state changed from `before` to `after`, as a `seat-changes` event. */
export function changesFrameOf(concertId: string, before: SeatStates, after: SeatStates): Buffer {
  const event: SeatChangesEvent = {
    concertId,
    from: before.version,
    version: after.version,
    free: [],
    held: [],
    sold: [],
  };
  for (let seat = 0; seat < after.codes.length; seat += 1) {
    const code = after.codes[seat];
    if (code === before.codes[seat]) continue;
    if (code === SEAT_STATE_CODES.held) event.held.push(seat);
    else if (code === SEAT_STATE_CODES.sold) event.sold.push(seat);
    else event.free.push(seat);
  }
  return Buffer.from(`event: ${SEAT_CHANGES_EVENT}\ndata: ${JSON.stringify(event)}\n\n`);
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
