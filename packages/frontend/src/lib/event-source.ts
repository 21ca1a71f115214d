/** Handlers for one server-sent events stream. */
export interface EventStreamHandlers {
  /** Named events to listen for (the SSE `event:` field), each given the event's data text. */
  events: Record<string, (data: string) => void>;
  /** The connection is open (first connect, or the browser's own reconnect). */
  onOpen?: () => void;
  /** The connection failed or dropped; the browser may already be retrying on its own. */
  onError?: () => void;
}

/**
 * Opens a server-sent events stream: the app's only `EventSource`, so that tests can replace the
 * one global and every stream is opened, listened to and closed the same way. Returns a function
 * that closes the stream; after it, no handler is called again.
 */
export function openEventStream(url: string, handlers: EventStreamHandlers): () => void {
  const source = new EventSource(url);
  let closed = false;

  const onOpen = () => {
    if (!closed) handlers.onOpen?.();
  };
  const onError = () => {
    if (!closed) handlers.onError?.();
  };
  const named = Object.entries(handlers.events).map(([name, handle]) => {
    const listener = (event: MessageEvent<unknown>) => {
      if (!closed && typeof event.data === 'string') handle(event.data);
    };
    return [name, listener] as const;
  });

  source.addEventListener('open', onOpen);
  source.addEventListener('error', onError);
  for (const [name, listener] of named) source.addEventListener(name, listener);

  return function close() {
    if (closed) return;
    closed = true;
    source.removeEventListener('open', onOpen);
    source.removeEventListener('error', onError);
    for (const [name, listener] of named) source.removeEventListener(name, listener);
    source.close();
  };
}
