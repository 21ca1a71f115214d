import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveAnnouncer, type Announcement } from './live-announcer';

function region() {
  return screen.getByRole('status', { name: 'Availability updates' });
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveAnnouncer', () => {
  it('is a polite live region that reads the first change at once', () => {
    const { rerender } = render(<LiveAnnouncer announcements={[]} intervalMs={5_000} />);
    expect(region()).toHaveAttribute('aria-live', 'polite');
    expect(region()).toBeEmptyDOMElement();

    rerender(<LiveAnnouncer announcements={[{ key: 'vip', text: 'VIP: 3 left' }]} />);

    expect(region()).toHaveTextContent('VIP: 3 left.');
  });

  it('during a rush, reads at most one batch per interval, with only the latest per key', () => {
    const batches: Announcement[][] = [
      [{ key: 'vip', text: 'VIP: 5 left' }],
      [{ key: 'vip', text: 'VIP: 4 left' }],
      [{ key: 'vip', text: 'VIP: 3 left' }],
      [{ key: 'front-row', text: 'Front Row sold out' }],
    ];
    const { rerender } = render(<LiveAnnouncer announcements={[]} intervalMs={5_000} />);

    for (const batch of batches) {
      rerender(<LiveAnnouncer announcements={batch} intervalMs={5_000} />);
      act(() => {
        vi.advanceTimersByTime(1_000);
      });
    }

    // Four changes in four seconds: only the first has been read so far.
    expect(region()).toHaveTextContent(/^VIP: 5 left\.$/);

    act(() => {
      vi.advanceTimersByTime(1_000);
    });

    expect(region()).toHaveTextContent(/^VIP: 3 left\. Front Row sold out\.$/);
  });

  it('after a quiet interval, reads the next change at once again', () => {
    const { rerender } = render(
      <LiveAnnouncer announcements={[{ key: 'vip', text: 'VIP: 3 left' }]} intervalMs={5_000} />,
    );
    act(() => {
      vi.advanceTimersByTime(10_000);
    });

    rerender(
      <LiveAnnouncer announcements={[{ key: 'vip', text: 'VIP sold out' }]} intervalMs={5_000} />,
    );

    expect(region()).toHaveTextContent(/^VIP sold out\.$/);
  });
});
