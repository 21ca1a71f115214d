import type { AvailabilityEvent, SeatChangesEvent, SeatsEvent } from '@ticket-booking/shared';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubEventSource, type FakeEventSource } from '../../../test/fake-event-source';
import { useAvailabilityStream } from './use-availability-stream';

const CONCERT = 'neon-harbor-tidelight';

function availability(
  version: number,
  vipAvailable: number,
  concertId = CONCERT,
): AvailabilityEvent {
  return {
    concertId,
    version,
    tiers: [
      { code: 'vip', total: 60, sold: 60 - vipAvailable, held: 0, available: vipAvailable },
      { code: 'ga', total: 2000, sold: 100, held: 0, available: 1900 },
    ],
    serverTime: '2030-01-15T12:00:00.000Z',
  };
}

function send(source: FakeEventSource, data: unknown) {
  act(() => {
    source.emit('availability', data);
  });
}

let streams: ReturnType<typeof stubEventSource>;

beforeEach(() => {
  streams = stubEventSource();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useAvailabilityStream', () => {
  it('opens one stream for the concert and is live once it connects', () => {
    const { result } = renderHook(() => useAvailabilityStream(CONCERT));

    expect(streams.all).toHaveLength(1);
    expect(streams.latest().url).toBe(`/api/concerts/${CONCERT}/availability/stream`);
    expect(result.current).toEqual({
      tiers: null,
      version: null,
      status: 'connecting',
      lastUpdated: null,
    });

    act(() => {
      streams.latest().open();
    });

    expect(result.current.status).toBe('live');
  });

  it('shows the first snapshot, then each newer update', () => {
    const { result } = renderHook(() => useAvailabilityStream(CONCERT));
    act(() => {
      streams.latest().open();
    });

    send(streams.latest(), availability(7, 40));

    expect(result.current.version).toBe(7);
    expect(result.current.tiers?.find((tier) => tier.code === 'vip')?.available).toBe(40);
    expect(result.current.lastUpdated).toBeInstanceOf(Date);

    send(streams.latest(), availability(8, 39));

    expect(result.current.version).toBe(8);
    expect(result.current.tiers?.find((tier) => tier.code === 'vip')?.available).toBe(39);
  });

  it('ignores an event that is not newer than the one shown', () => {
    const { result } = renderHook(() => useAvailabilityStream(CONCERT));
    send(streams.latest(), availability(8, 39));

    send(streams.latest(), availability(7, 40));
    send(streams.latest(), availability(8, 12));

    expect(result.current.version).toBe(8);
    expect(result.current.tiers?.find((tier) => tier.code === 'vip')?.available).toBe(39);
  });

  it('drops events that are not valid availability for this concert', () => {
    const { result } = renderHook(() => useAvailabilityStream(CONCERT));
    send(streams.latest(), availability(5, 40));

    send(streams.latest(), 'not json');
    send(streams.latest(), { ...availability(6, 1), tiers: [{ code: 'vip', available: -1 }] });
    send(streams.latest(), { version: 9 });
    send(streams.latest(), availability(10, 2, 'another-concert'));

    expect(result.current.version).toBe(5);
    expect(result.current.tiers?.find((tier) => tier.code === 'vip')?.available).toBe(40);
  });

  it('when the server goes away, closes the stream and reconnects after a growing back-off', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useAvailabilityStream(CONCERT));
    const first = streams.latest();
    act(() => {
      first.open();
    });
    send(first, availability(5, 40));

    act(() => {
      first.fail();
    });

    expect(first.closed).toBe(true);
    expect(result.current.status).toBe('reconnecting');
    // The counts shown so far stay on screen meanwhile.
    expect(result.current.version).toBe(5);

    // Each wait is between half and all of 1 s, 2 s, 4 s…
    act(() => {
      vi.advanceTimersByTime(499);
    });
    expect(streams.all).toHaveLength(1);
    act(() => {
      vi.advanceTimersByTime(501);
    });
    expect(streams.all).toHaveLength(2);

    act(() => {
      streams.latest().fail();
    });
    act(() => {
      vi.advanceTimersByTime(999);
    });
    expect(streams.all).toHaveLength(2);
    act(() => {
      vi.advanceTimersByTime(1001);
    });
    expect(streams.all).toHaveLength(3);

    act(() => {
      streams.latest().fail();
    });
    act(() => {
      vi.advanceTimersByTime(1999);
    });
    expect(streams.all).toHaveLength(3);
    act(() => {
      vi.advanceTimersByTime(2001);
    });
    expect(streams.all).toHaveLength(4);
    expect(streams.open()).toEqual([streams.latest()]);
    expect(result.current.status).toBe('reconnecting');

    act(() => {
      streams.latest().open();
    });
    expect(result.current.status).toBe('live');
  });

  it('never waits more than 30 s between attempts', () => {
    vi.useFakeTimers();
    renderHook(() => useAvailabilityStream(CONCERT));

    for (let attempt = 0; attempt < 10; attempt++) {
      act(() => {
        streams.latest().fail();
      });
      act(() => {
        vi.advanceTimersByTime(30_000);
      });
    }

    expect(streams.all).toHaveLength(11);
  });

  it('starts the back-off over after a connection opens', () => {
    vi.useFakeTimers();
    renderHook(() => useAvailabilityStream(CONCERT));
    for (let attempt = 0; attempt < 3; attempt++) {
      act(() => {
        streams.latest().fail();
      });
      act(() => {
        vi.advanceTimersByTime(8_000);
      });
    }
    expect(streams.all).toHaveLength(4);

    act(() => {
      streams.latest().open();
    });
    act(() => {
      streams.latest().fail();
    });
    act(() => {
      vi.advanceTimersByTime(1_000);
    });

    expect(streams.all).toHaveLength(5);
  });

  it('after a reconnect, takes the new connection’s snapshot even with a lower version', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useAvailabilityStream(CONCERT));
    send(streams.latest(), availability(50, 40));
    act(() => {
      streams.latest().fail();
    });
    act(() => {
      vi.advanceTimersByTime(1_000);
    });

    // The database was reset: versions number from scratch again.
    send(streams.latest(), availability(3, 60));
    send(streams.latest(), availability(2, 10));

    expect(result.current.version).toBe(3);
    expect(result.current.tiers?.find((tier) => tier.code === 'vip')?.available).toBe(60);
  });

  it('closes the stream on unmount, and does not reconnect afterwards', () => {
    vi.useFakeTimers();
    const { unmount } = renderHook(() => useAvailabilityStream(CONCERT));
    const first = streams.latest();
    act(() => {
      first.fail();
    });
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    const second = streams.latest();

    unmount();
    act(() => {
      vi.advanceTimersByTime(60_000);
    });

    expect(second.closed).toBe(true);
    expect(streams.all).toHaveLength(2);
  });

  it('does not reconnect when unmounted while waiting to', () => {
    vi.useFakeTimers();
    const { unmount } = renderHook(() => useAvailabilityStream(CONCERT));
    act(() => {
      streams.latest().fail();
    });

    unmount();
    act(() => {
      vi.advanceTimersByTime(60_000);
    });

    expect(streams.all).toHaveLength(1);
    expect(streams.open()).toEqual([]);
  });

  it('on another concert, closes the old stream, opens one for the new concert and starts over', () => {
    const { result, rerender } = renderHook(({ id }) => useAvailabilityStream(id), {
      initialProps: { id: CONCERT },
    });
    const first = streams.latest();
    act(() => {
      first.open();
    });
    send(first, availability(9, 40));

    rerender({ id: 'glass-animals-odyssey' });

    expect(first.closed).toBe(true);
    expect(streams.open()).toHaveLength(1);
    expect(streams.latest().url).toBe('/api/concerts/glass-animals-odyssey/availability/stream');
    expect(result.current).toEqual({
      tiers: null,
      version: null,
      status: 'connecting',
      lastUpdated: null,
    });

    send(streams.latest(), availability(2, 5, 'glass-animals-odyssey'));

    expect(result.current.version).toBe(2);
  });

  it('hands a seated concert’s seat events to its listeners, the first snapshot of each connection as fresh', () => {
    vi.useFakeTimers();
    const onSeats = vi.fn();
    const onSeatChanges = vi.fn();
    const { result } = renderHook(() => useAvailabilityStream(CONCERT, { onSeats, onSeatChanges }));
    const snapshot: SeatsEvent = { concertId: CONCERT, version: 7, seatCount: 4, states: 'AA==' };
    const delta: SeatChangesEvent = {
      concertId: CONCERT,
      from: 7,
      version: 8,
      free: [],
      held: [2],
      sold: [],
    };
    send(streams.latest(), availability(7, 40));

    act(() => {
      streams.latest().emit('seats', snapshot);
      streams.latest().emit('seat-changes', delta);
      streams.latest().emit('seats', { ...snapshot, version: 9 });
    });

    expect(onSeats.mock.calls).toEqual([
      [snapshot, true],
      [{ ...snapshot, version: 9 }, false],
    ]);
    expect(onSeatChanges.mock.calls).toEqual([[delta]]);
    // The counts are what they were: seat events are not availability.
    expect(result.current.version).toBe(7);

    act(() => {
      streams.latest().fail();
    });
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    act(() => {
      streams.latest().emit('seats', { ...snapshot, version: 2 });
    });

    expect(onSeats).toHaveBeenLastCalledWith({ ...snapshot, version: 2 }, true);
  });

  it('drops seat events that are not valid or not for this concert', () => {
    const onSeats = vi.fn();
    const onSeatChanges = vi.fn();
    renderHook(() => useAvailabilityStream(CONCERT, { onSeats, onSeatChanges }));

    act(() => {
      streams.latest().emit('seats', 'not json');
      streams.latest().emit('seats', { concertId: CONCERT, version: -1, seatCount: 4, states: '' });
      streams
        .latest()
        .emit('seats', { concertId: 'another', version: 1, seatCount: 4, states: '' });
      streams.latest().emit('seat-changes', { concertId: CONCERT, from: 1, version: 2 });
    });

    expect(onSeats).not.toHaveBeenCalled();
    expect(onSeatChanges).not.toHaveBeenCalled();
  });

  it('calls the latest listeners without opening the stream again', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = renderHook(({ onSeats }) => useAvailabilityStream(CONCERT, { onSeats }), {
      initialProps: { onSeats: first },
    });

    rerender({ onSeats: second });
    act(() => {
      streams
        .latest()
        .emit('seats', { concertId: CONCERT, version: 1, seatCount: 1, states: 'AA==' });
    });

    expect(streams.all).toHaveLength(1);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
  });
});
