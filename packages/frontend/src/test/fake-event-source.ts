import { vi } from 'vitest';

/**
 * A stand-in for the browser's `EventSource` that a test drives by hand: `open()`, `emit()` and
 * `fail()` dispatch what the server and network would. Install it with `stubEventSource()`.
 */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;

  /** Every stream opened since `stubEventSource()`, oldest first. */
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readyState: number = FakeEventSource.CONNECTING;

  constructor(url: string | URL) {
    super();
    this.url = String(url);
    FakeEventSource.instances.push(this);
  }

  get closed(): boolean {
    return this.readyState === FakeEventSource.CLOSED;
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  /** The server accepted the connection. */
  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new Event('open'));
  }

  /** The server sent an event; objects are sent as JSON, strings as they are. */
  emit(type: string, data: unknown, lastEventId = ''): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    this.dispatchEvent(new MessageEvent(type, { data: text, lastEventId }));
  }

  /**
   * The connection dropped; like a browser, an open source says it is connecting again. Events
   * are dispatched even after `close()`, so tests can prove nobody is listening any more.
   */
  fail(): void {
    if (!this.closed) this.readyState = FakeEventSource.CONNECTING;
    this.dispatchEvent(new Event('error'));
  }
}

/** Replaces the global `EventSource` for this test; undo with `vi.unstubAllGlobals()`. */
export function stubEventSource() {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  return {
    get all(): readonly FakeEventSource[] {
      return FakeEventSource.instances;
    },
    /** The most recently opened stream. */
    latest(): FakeEventSource {
      const source = FakeEventSource.instances.at(-1);
      if (!source) throw new Error('No EventSource has been opened');
      return source;
    },
    /** The streams not yet closed. */
    open(): FakeEventSource[] {
      return FakeEventSource.instances.filter((source) => !source.closed);
    },
  };
}
