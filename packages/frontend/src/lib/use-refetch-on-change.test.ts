import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useRefetchOnChange } from './use-refetch-on-change';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2030-01-15T12:00:00.000Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

interface Props {
  key: number | null;
}

function render(refetch: () => void) {
  const initialProps: Props = { key: null };
  return renderHook(
    ({ key }: Props) => {
      useRefetchOnChange(key, refetch, 2_000);
    },
    { initialProps },
  );
}

describe('fetching again as the counts change', () => {
  it('fetches nothing before the first change', () => {
    const refetch = vi.fn();

    render(refetch);
    vi.advanceTimersByTime(10_000);

    expect(refetch).not.toHaveBeenCalled();
  });

  it('fetches at once on a change, then once at the end of a burst of changes', () => {
    const refetch = vi.fn();
    const { rerender } = render(refetch);

    rerender({ key: 1 });
    expect(refetch).toHaveBeenCalledTimes(1);
    for (const key of [2, 3, 4, 5]) {
      vi.advanceTimersByTime(300);
      rerender({ key });
    }
    expect(refetch).toHaveBeenCalledTimes(1);

    vi.advanceTimersByTime(800);

    expect(refetch).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(refetch).toHaveBeenCalledTimes(2);
  });

  it('fetches at once again after a quiet interval', () => {
    const refetch = vi.fn();
    const { rerender } = render(refetch);
    rerender({ key: 1 });

    vi.advanceTimersByTime(2_000);
    rerender({ key: 2 });

    expect(refetch).toHaveBeenCalledTimes(2);
  });
});
