import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubEventSource } from '../test/fake-event-source';
import { openEventStream } from './event-source';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('openEventStream', () => {
  it('opens the url and hands each named event its data text', () => {
    const streams = stubEventSource();
    const onAvailability = vi.fn();
    const onOther = vi.fn();

    openEventStream('/api/stream', { events: { availability: onAvailability, other: onOther } });
    streams.latest().emit('availability', '{"version":1}');

    expect(streams.latest().url).toBe('/api/stream');
    expect(onAvailability).toHaveBeenCalledWith('{"version":1}');
    expect(onOther).not.toHaveBeenCalled();
  });

  it('reports when the connection opens and when it fails', () => {
    const streams = stubEventSource();
    const onOpen = vi.fn();
    const onError = vi.fn();

    openEventStream('/api/stream', { events: {}, onOpen, onError });
    streams.latest().open();
    streams.latest().fail();

    expect(onOpen).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledOnce();
  });

  it('once closed, closes the EventSource and calls nothing again', () => {
    const streams = stubEventSource();
    const onEvent = vi.fn();
    const onError = vi.fn();

    const close = openEventStream('/api/stream', { events: { availability: onEvent }, onError });
    close();
    streams.latest().emit('availability', '{}');
    streams.latest().fail();

    expect(streams.latest().closed).toBe(true);
    expect(onEvent).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
  });
});
