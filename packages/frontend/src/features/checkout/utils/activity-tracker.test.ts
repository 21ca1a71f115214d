import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActivityTracker } from './activity-tracker';

describe('the activity tracker', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
  });

  it('reports activity once per heartbeat and remembers when it happened', () => {
    let clock = 1_000;
    const tracker = createActivityTracker(() => clock);
    stop = tracker.listen(window);

    clock = 5_000;
    window.dispatchEvent(new KeyboardEvent('keydown'));

    expect(tracker.lastActivityAt()).toBe(5_000);
    expect(tracker.takeActive()).toBe(true);
    expect(tracker.takeActive()).toBe(false);
  });

  it('starts the idle time when the server last saw the shopper, if that was before the page opened', () => {
    const tracker = createActivityTracker(() => 5_000, 4_200);
    const later = createActivityTracker(() => 5_000, 6_000);

    expect(tracker.lastActivityAt()).toBe(4_200);
    expect(later.lastActivityAt()).toBe(5_000);
    expect(tracker.takeActive()).toBe(false);
  });

  it('sees focus and scrolling inside the page, which do not bubble', () => {
    const tracker = createActivityTracker();
    stop = tracker.listen(window);
    const input = document.body.appendChild(document.createElement('input'));

    input.dispatchEvent(new Event('scroll'));
    expect(tracker.takeActive()).toBe(true);
    input.focus();
    expect(tracker.takeActive()).toBe(true);
    input.remove();
  });

  it('does not count focus the page moves itself, and tells subscribers about the rest', () => {
    const tracker = createActivityTracker();
    stop = tracker.listen(window);
    const listener = vi.fn();
    const unsubscribe = tracker.subscribe(listener);
    const button = document.body.appendChild(document.createElement('button'));

    tracker.quietly(() => {
      button.focus();
    });
    expect(listener).not.toHaveBeenCalled();
    expect(tracker.takeActive()).toBe(false);

    window.dispatchEvent(new PointerEvent('pointermove'));
    expect(listener).toHaveBeenCalledOnce();

    unsubscribe();
    window.dispatchEvent(new PointerEvent('pointermove'));
    expect(listener).toHaveBeenCalledOnce();
    button.remove();
  });
});
