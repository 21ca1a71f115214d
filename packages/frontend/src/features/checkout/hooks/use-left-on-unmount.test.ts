import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useLeftOnUnmount } from './use-left-on-unmount';

describe('noticing the shopper left', () => {
  it('is not fooled by StrictMode unmounting and remounting at once', async () => {
    const onLeft = vi.fn();

    const { result } = renderHook(() => useLeftOnUnmount(onLeft), { reactStrictMode: true });
    await Promise.resolve();

    expect(onLeft).not.toHaveBeenCalled();
    expect(result.current()).toBe(true);
  });

  it('says so a moment after the unmount, and no longer counts as mounted', async () => {
    const onLeft = vi.fn();
    const { result, unmount } = renderHook(() => useLeftOnUnmount(onLeft));
    const isLive = result.current;

    unmount();

    expect(isLive()).toBe(false);
    expect(onLeft).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(onLeft).toHaveBeenCalledTimes(1);
  });
});
