import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { AvailabilityEvent } from '@ticket-booking/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAvailabilityHub, type AvailabilityHub } from './availability.hub.js';

const CONCERT = 'test-concert';
const KEEP_ALIVE_MS = 15_000;
const COMMENT = ': keep-alive\n\n';

/** A stream's response that keeps what is written to it, as text. */
class RecordedStream extends EventEmitter {
  readonly req = { method: 'GET' };
  readonly socket = null;
  readonly chunkedEncoding = false;
  written = '';

  writeHead(): this {
    return this;
  }

  flushHeaders(): void {
    // The headers are not recorded: only what the stream carries.
  }

  write(chunk: string | Buffer): boolean {
    this.written += chunk.toString();
    return true;
  }

  end(chunk?: string): this {
    if (chunk) this.written += chunk;
    return this;
  }

  /** What it was sent after `mark`, with comments and events told apart. */
  sentSince(mark: number): { comments: number; events: number } {
    const text = this.written.slice(mark);
    return {
      comments: text.split(COMMENT).length - 1,
      events: text.split('event: availability\n').length - 1,
    };
  }
}

describe("the availability hub's writes to its streams", () => {
  let version: number;
  let hub: AvailabilityHub;

  function snapshot(): AvailabilityEvent {
    return { concertId: CONCERT, version, tiers: [], serverTime: new Date(0).toISOString() };
  }

  function watch(count: number): RecordedStream[] {
    return Array.from({ length: count }, () => {
      const stream = new RecordedStream();
      hub.subscribe(stream as unknown as ServerResponse, snapshot());
      return stream;
    });
  }

  function change(): void {
    version += 1;
    hub.concertChanged(CONCERT);
  }

  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate'],
    });
    version = 1;
    hub = createAvailabilityHub({
      snapshot: () => Promise.resolve(snapshot()),
      changeFeed: { subscribe: () => () => undefined },
      coalesceMs: 100,
      keepAliveMs: KEEP_ALIVE_MS,
      retryMs: 3000,
    });
  });

  afterEach(() => {
    hub.close();
    vi.useRealTimers();
  });

  it("sends a comment every interval to a quiet concert's streams", () => {
    const [stream] = watch(1);
    const mark = stream?.written.length ?? 0;

    vi.advanceTimersByTime(KEEP_ALIVE_MS);
    vi.advanceTimersByTime(KEEP_ALIVE_MS);

    expect(stream?.sentSince(mark)).toEqual({ comments: 2, events: 0 });
  });

  it('sends none to the streams of a concert that had an event in the last half interval', async () => {
    const [stream] = watch(1);
    const mark = stream?.written.length ?? 0;

    await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS - 5000);
    change();
    await vi.advanceTimersByTimeAsync(5000);

    expect(stream?.sentSince(mark)).toEqual({ comments: 0, events: 1 });
  });

  it('sends a change that comes up while comments are written at once, in place of those left', async () => {
    // More than one slice of watchers, so the comments take more than one turn of the loop.
    const streams = watch(1200);
    const marks = streams.map((stream) => stream.written.length);

    vi.advanceTimersByTime(KEEP_ALIVE_MS - 1);
    vi.advanceTimersToNextTimer();
    expect(streams[0]?.sentSince(marks[0] ?? 0)).toEqual({ comments: 1, events: 0 });
    change();
    await vi.advanceTimersByTimeAsync(50);

    const sent = streams.map((stream, i) => stream.sentSince(marks[i] ?? 0));
    expect(sent.filter((s) => s.events === 1)).toHaveLength(1200);
    expect(sent.filter((s) => s.comments === 1)).toHaveLength(500);
    expect(sent.slice(500).every((s) => s.comments === 0)).toBe(true);
  });

  it('tells what waits for it once an event has been written to the last of its watchers', async () => {
    // Three slices of watchers: the event takes three turns of the loop.
    const streams = watch(1200);
    const marks = streams.map((stream) => stream.written.length);
    const eventsSent = () =>
      streams.filter((stream, i) => stream.sentSince(marks[i] ?? 0).events === 1).length;
    change();
    vi.advanceTimersToNextTimer();
    let written = false;
    void hub.written().then(() => {
      written = true;
    });

    // Whatever was already due on the promise queue runs before this.
    await new Promise((resolve) => {
      process.nextTick(resolve);
    });
    const afterOneSlice = { sent: eventsSent(), written };
    await vi.advanceTimersToNextTimerAsync();
    await vi.advanceTimersToNextTimerAsync();

    expect(afterOneSlice).toEqual({ sent: 500, written: false });
    expect({ sent: eventsSent(), written }).toEqual({ sent: 1200, written: true });
  });
});
