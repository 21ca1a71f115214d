// Longer than most files: one closure owns every concert's watchers, timers and fan-outs, and
// splitting it would hand that state around between files.
import type { ServerResponse } from 'node:http';
import type { AvailabilityEvent } from '@ticket-booking/shared';
import type { ChangeFeed } from '../../db/store.js';
import {
  changesFrameOf,
  frameOf,
  KEEP_ALIVE,
  seatsFrameOf,
  senderFor,
  type SeatStates,
} from './sse-frames.js';

export interface AvailabilityHubOptions {
  /** The concert's current counts, read after the change committed; undefined if it is gone. */
  snapshot(concertId: string): Promise<AvailabilityEvent | undefined>;
  /** A seated concert's seats, read with its counts; undefined for a concert without seats. */
  seats?(concertId: string): Promise<SeatStates | undefined>;
  /** Tells of changes committed by other processes or instances, which nobody here announces. */
  changeFeed: ChangeFeed;
  /** The shortest gap between two events of one concert. */
  coalesceMs: number;
  /**
   * How often the streams of a concert without events get a comment line, so proxies keep them
   * open: none is silent for more than one and a half times this.
   */
  keepAliveMs: number;
  /** The reconnection delay suggested to browsers. */
  retryMs: number;
}

/** What services call after a transaction that changed a concert's counts has committed. */
export interface AvailabilityChanges {
  concertChanged(concertId: string): void;
  /**
   * Resolves once what is being written to the watchers now (an event, keep-alive comments) has
   * been written to the last of them. Work that nobody waits for, such as the cleanup job, waits
   * for it between its steps, so as not to slow a fan-out to thousands down.
   */
  written(): Promise<void>;
}

export interface AvailabilityHub extends AvailabilityChanges {
  /**
   * Turns the response into an event stream for the concert, starting with `current` (and the
   * seats of a seated concert) unless `lastEventId` shows the client already has that version.
   */
  subscribe(
    res: ServerResponse,
    current: AvailabilityEvent,
    lastEventId?: number,
    seats?: SeatStates,
  ): void;
  watcherCount(concertId?: string): number;
  /**
   * Ends every stream (telling browsers when to come back) and stops the hub's timers. A stream
   * asked for afterwards gets that hint alone.
   */
  close(): void;
}

interface Watcher {
  res: ServerResponse;
  /**
   * Writes an event: straight to the socket as an HTTP/1.1 chunk when the response is chunked,
   * which skips Node's per-write framing (the fan-out's cost is one socket write per watcher).
   */
  send: (frame: Buffer) => boolean;
  /** The newest version this watcher has been sent. */
  version: number;
  /** The version of the seats it was last sent in full or brought up to; -1 for none. */
  seatVersion: number;
  /** Its socket buffer is full: skip it until it drains, then send the latest frame only. */
  blocked: boolean;
}

interface Channel {
  concertId: string;
  watchers: Set<Watcher>;
  /** The last event broadcast to every watcher, for those that catch up after a full buffer. */
  version: number;
  frame: Buffer | undefined;
  /**
   * A seated concert's newest seats sent, as a `seats` frame, and the `seat-changes` frame that
   * brings watchers from the seats before (`from`) to them. Seats count their own versions, read
   * beside the counts but not necessarily in the same snapshot: each watcher is brought up to
   * date from the seats it has, whatever counts it was sent.
   */
  seats:
    { states: SeatStates; full: Buffer; changes?: { from: number; frame: Buffer } } | undefined;
  /** What a watcher is sent, by what it lacks: made once per broadcast and shared. */
  combined: Map<string, Buffer>;
  lastSentAt: number;
  gapMs: number;
  timer: NodeJS.Timeout | undefined;
  sending: boolean;
  dirty: boolean;
}

/**
 * A fan-out takes roughly 10–15 µs of CPU per watcher (one socket write each). Keeping each
 * concert's next event at least this many fan-out durations away caps the share of the process
 * that watchers can take, so a rush of checkouts is not slowed down by the people watching it.
 */
const FANOUT_DUTY_FACTOR = 5;
/** Watchers written per turn of the event loop, so requests are served between slices. */
const FANOUT_SLICE = 500;

/**
 * The SSE broadcaster. Each concert's watchers get at most one event per coalescing window,
 * carrying the latest snapshot, serialized once for all of them. A quiet concert's change goes
 * out on the next turn of the event loop, after the response that caused it.
 */
export function createAvailabilityHub(options: AvailabilityHubOptions): AvailabilityHub {
  const channels = new Map<string, Channel>();
  let keepAliveTimer: NodeJS.Timeout | undefined;
  let unsubscribeFeed: (() => void) | undefined;
  let closed = false;
  /** The broadcasts under way, each settled once it has written to its last watcher. */
  const broadcasts = new Set<Promise<unknown>>();

  function write(watcher: Watcher, frame: Buffer, version: number): void {
    if (watcher.version >= version) return;
    watcher.version = version;
    if (!watcher.send(frame)) watcher.blocked = true;
  }

  /**
   * Brings the watcher up to the channel's last event and seats: the event if it has an older
   * one; the seats that changed if it has the seats they changed from, all of them otherwise.
   */
  function deliver(watcher: Watcher, channel: Channel): void {
    const { frame, seats } = channel;
    const event = frame !== undefined && watcher.version < channel.version;
    let seatsPart: 'none' | 'changes' | 'full' = 'none';
    if (seats && watcher.seatVersion !== seats.states.version) {
      seatsPart = seats.changes?.from === watcher.seatVersion ? 'changes' : 'full';
    }
    if (!event && seatsPart === 'none') return;
    const key = `${event}:${seatsPart}`;
    let out = channel.combined.get(key);
    if (!out) {
      const parts: Buffer[] = [];
      if (event) parts.push(frame);
      if (seatsPart === 'changes' && seats?.changes) parts.push(seats.changes.frame);
      if (seatsPart === 'full' && seats) parts.push(seats.full);
      out = parts.length === 1 ? (parts[0] ?? Buffer.alloc(0)) : Buffer.concat(parts);
      channel.combined.set(key, out);
    }
    if (event) watcher.version = channel.version;
    if (seats) watcher.seatVersion = seats.states.version;
    if (!watcher.send(out)) watcher.blocked = true;
  }

  /** The channel's seats are now `states`, sent in full or as what changed since its last. */
  function setSeats(channel: Channel, concertId: string, states: SeatStates): void {
    const before = channel.seats?.states;
    if (before && states.version < before.version) return;
    channel.seats = {
      states,
      full: seatsFrameOf(concertId, states),
      ...(before && {
        changes: { from: before.version, frame: changesFrameOf(concertId, before, states) },
      }),
    };
  }

  function schedule(channel: Channel): void {
    if (channel.timer || channel.sending) return;
    const wait = Math.max(0, channel.lastSentAt + channel.gapMs - performance.now());
    channel.timer = setTimeout(() => {
      flush(channel);
    }, wait);
  }

  /**
   * Writes to each watcher of the channel that can take it, `FANOUT_SLICE` per turn of the event
   * loop; stops early once `enough` says so, or the hub closes (checked between slices). Then `done`, and the
   * channel's next event if one is due.
   */
  function broadcast(
    channel: Channel,
    send: (watcher: Watcher) => void,
    done: () => void,
    enough: () => boolean = () => false,
  ): Promise<void> {
    channel.sending = true;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    broadcasts.add(finished);
    const watchers = [...channel.watchers];
    let next = 0;
    const stopped = () => closed || enough();
    const sendSlice = () => {
      const end = stopped() ? next : Math.min(next + FANOUT_SLICE, watchers.length);
      for (; next < end; next += 1) {
        const watcher = watchers[next];
        if (watcher && !watcher.blocked) send(watcher);
      }
      if (next < watchers.length && !stopped()) {
        setImmediate(sendSlice);
        return;
      }
      channel.sending = false;
      broadcasts.delete(finished);
      finish();
      done();
      if (channel.dirty) schedule(channel);
    };
    sendSlice();
    return finished;
  }

  function flush(channel: Channel): void {
    channel.timer = undefined;
    channel.dirty = false;
    if (channels.get(channel.concertId) !== channel) return;
    // Marked as sending while the counts are read, so that a change meanwhile waits its turn.
    channel.sending = true;
    const read = Promise.all([
      options.snapshot(channel.concertId),
      options.seats?.(channel.concertId),
    ]);
    const done = read.then(
      ([event, seats]) => {
        channel.sending = false;
        return send(channel, event, seats);
      },
      () => {
        // The next change, or the next poll, reads again.
        channel.sending = false;
        if (channel.dirty) schedule(channel);
      },
    );
    // What waits for the writes under way waits for this read too, and the writes it leads to.
    broadcasts.add(done);
    void done.finally(() => broadcasts.delete(done));
  }

  /**
   * Broadcasts the event. Of a seated concert, a watcher that has the seats as last broadcast
   * gets what changed since (`seat-changes`), any other all of them (`seats`).
   */
  function send(
    channel: Channel,
    event: AvailabilityEvent | undefined,
    seats: SeatStates | undefined,
  ): Promise<void> | undefined {
    if (closed || channels.get(channel.concertId) !== channel) return undefined;
    if (!event || event.version <= channel.version) {
      if (channel.dirty) schedule(channel);
      return undefined;
    }
    channel.version = event.version;
    channel.frame = frameOf(event);
    channel.combined = new Map();
    if (seats) setSeats(channel, event.concertId, seats);
    const startedAt = performance.now();
    return broadcast(
      channel,
      (watcher) => {
        deliver(watcher, channel);
      },
      () => {
        const tookMs = performance.now() - startedAt;
        channel.lastSentAt = startedAt;
        channel.gapMs = Math.max(options.coalesceMs, tookMs * FANOUT_DUTY_FACTOR);
      },
    );
  }

  /**
   * A comment line to the streams of each concert that has had no event for half the interval:
   * during a rush the events themselves keep proxies from closing the streams, and writing
   * thousands of comments as well would only delay the next event. An event that comes up
   * while the comments are being written is sent at once, in place of the comments left.
   */
  function keepAlive(): void {
    const now = performance.now();
    for (const channel of channels.values()) {
      if (channel.sending || now - channel.lastSentAt < options.keepAliveMs / 2) continue;
      void broadcast(
        channel,
        (watcher) => {
          if (!watcher.send(KEEP_ALIVE)) watcher.blocked = true;
        },
        () => undefined,
        () => channel.dirty,
      );
    }
  }

  function changedElsewhere(): void {
    for (const channel of channels.values()) markChanged(channel);
  }

  function markChanged(channel: Channel): void {
    channel.dirty = true;
    schedule(channel);
  }

  function startTimers(): void {
    keepAliveTimer ??= setInterval(keepAlive, options.keepAliveMs);
    unsubscribeFeed ??= options.changeFeed.subscribe(changedElsewhere);
  }

  function stopTimersIfIdle(): void {
    if (channels.size > 0) return;
    clearInterval(keepAliveTimer);
    unsubscribeFeed?.();
    keepAliveTimer = undefined;
    unsubscribeFeed = undefined;
  }

  function channelFor(concertId: string): Channel {
    let channel = channels.get(concertId);
    if (!channel) {
      channel = {
        concertId,
        watchers: new Set(),
        version: -1,
        frame: undefined,
        seats: undefined,
        combined: new Map(),
        lastSentAt: -Infinity,
        gapMs: options.coalesceMs,
        timer: undefined,
        sending: false,
        dirty: false,
      };
      channels.set(concertId, channel);
      startTimers();
    }
    return channel;
  }

  return {
    subscribe(res, event, lastEventId, seats) {
      const { concertId } = event;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        // Tells nginx-style proxies not to buffer the stream.
        'X-Accel-Buffering': 'no',
      });
      // HEAD gets the headers alone. Node sends no body for it and so would never flush them:
      // kept open, the request would hang and its watcher stay until the client gave up.
      if (res.req.method === 'HEAD') {
        res.end();
        return;
      }
      res.socket?.setNoDelay(true);
      // Sent on their own, the headers are written as they are: Node then flattens the header
      // text it keeps for the stream's life, built from some 40 concatenated pieces (1.2 KB per
      // watcher). Sent with the first chunk, they are copied into it and the pieces stay.
      res.flushHeaders();
      res.write(`retry: ${options.retryMs}\n\n`);
      // Asked for while the server stops (on a connection already open): only the hint to retry.
      if (closed) {
        res.end();
        return;
      }

      const channel = channelFor(concertId);
      // A Last-Event-ID newer than anything here belongs to another database: start afresh.
      const known = lastEventId !== undefined && lastEventId <= event.version ? lastEventId : -1;
      const { send, drains } = senderFor(res);
      const watcher: Watcher = { res, send, version: known, seatVersion: -1, blocked: false };
      write(watcher, frameOf(event), event.version);
      if (seats) {
        watcher.seatVersion = seats.version;
        if (!send(seatsFrameOf(concertId, seats))) watcher.blocked = true;
        // The next changes count from the newest seats a watcher has: most get them alone.
        if (seats.version > (channel.seats?.states.version ?? -1)) {
          channel.seats = { states: seats, full: seatsFrameOf(concertId, seats) };
          channel.combined = new Map();
        }
      }
      channel.watchers.add(watcher);

      drains.on('drain', () => {
        watcher.blocked = false;
        deliver(watcher, channel);
      });
      res.on('close', () => {
        channel.watchers.delete(watcher);
        if (channel.watchers.size > 0 || channels.get(concertId) !== channel) return;
        clearTimeout(channel.timer);
        channels.delete(concertId);
        stopTimersIfIdle();
      });
    },

    concertChanged(concertId) {
      const channel = channels.get(concertId);
      if (channel) markChanged(channel);
    },

    async written() {
      await Promise.all(broadcasts);
    },

    watcherCount(concertId) {
      if (concertId !== undefined) return channels.get(concertId)?.watchers.size ?? 0;
      let count = 0;
      for (const channel of channels.values()) count += channel.watchers.size;
      return count;
    },

    close() {
      closed = true;
      for (const channel of channels.values()) {
        clearTimeout(channel.timer);
        for (const watcher of channel.watchers) {
          watcher.res.end(`retry: ${options.retryMs}\n\n`);
        }
      }
      channels.clear();
      stopTimersIfIdle();
    },
  };
}
