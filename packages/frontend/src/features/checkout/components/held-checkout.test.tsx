import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { formatTime } from '../../../lib/format';
import { NOW } from '../../../test/fixtures';
import {
  apiError,
  CONCERT_ID,
  chosen,
  mockCheckoutApi,
  renderCheckout,
  setUpCheckoutTests,
  setVisibility,
} from '../testing/mock-checkout';

const VIP = chosen({ tier: 'vip', quantity: 2 });

setUpCheckoutTests(NOW);

/** Lets `ms` of the browser's time pass, running every timer due on the way. */
async function wait(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

async function enterCheckout(options: { serverAheadMs?: number } = {}) {
  const api = mockCheckoutApi(options);
  const rendered = renderCheckout({ state: VIP });
  const timer = await screen.findByRole('timer', { name: 'Your tickets are held for' });
  return { api, timer, ...rendered };
}

describe('the countdown', () => {
  it('runs to the release of an idle shopper, in step with "Still there?", and reaches zero as the tickets go', async () => {
    // The deadline is 10 minutes away, but an idle shopper's tickets go after 3.
    const { timer, api } = await enterCheckout();
    expect(timer).toHaveTextContent('3:00');
    expect(timer).toHaveAccessibleDescription('if you stay inactive');

    await wait(120_000);
    const dialog = await screen.findByRole('dialog', { name: 'Still there?' });
    expect(timer).toHaveTextContent('1:00');
    expect(dialog).toHaveTextContent('released in 1:00');
    await wait(59_000);
    expect(timer).toHaveTextContent('0:01');
    expect(dialog).toHaveTextContent('released in 0:01');
    expect(api.releases()).toHaveLength(0);

    await wait(1_000);
    expect(await screen.findByText('Your tickets were released')).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent(/no activity on this page/);
    await waitFor(() => {
      expect(api.releases()).toHaveLength(1);
    });
  });

  it('starts again from the full inactivity timeout when the shopper does anything', async () => {
    const { timer } = await enterCheckout();
    await wait(50_000);
    expect(timer).toHaveTextContent('2:10');

    fireEvent.pointerMove(document.body);
    await wait(1_000);

    expect(timer).toHaveTextContent('3:00');
  });

  it.each([
    ['ahead of', 5 * 60_000],
    ['behind', -5 * 60_000],
  ])(
    "counts down to the hard cap by the server's clock when it is %s the browser's, and says when the hold ends",
    async (_, serverAheadMs) => {
      // The hard cap is 2:30 after the server's now; by the browser's own clock the countdown
      // would show 7:30 or nothing at all.
      mockCheckoutApi({ serverAheadMs, hardCapMs: 150_000 });
      renderCheckout({ state: VIP });
      const timer = await screen.findByRole('timer');

      expect(timer).toHaveTextContent('2:30');
      const endsAt = formatTime(NOW + 150_000);
      expect(timer).toHaveAccessibleDescription(
        `at most: your hold ends at the latest at ${endsAt}`,
      );
      await wait(60_000);
      expect(timer).toHaveTextContent('1:30');
    },
  );

  it('follows the deadline each heartbeat brings back, where the deadline comes before the inactivity timeout', async () => {
    const api = mockCheckoutApi({ serverAheadMs: 90_000, holdMs: 120_000 });
    renderCheckout({ state: VIP });
    const timer = await screen.findByRole('timer');
    expect(timer).toHaveTextContent('2:00');
    expect(timer).toHaveAccessibleDescription('unless you are active on this page');
    await wait(20_000);
    expect(timer).toHaveTextContent('1:40');

    fireEvent.keyDown(document.body, { key: 'a' });
    await wait(10_000);

    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(1);
    });
    // The active heartbeat moved the deadline to 2 minutes after the server's now.
    await waitFor(() => {
      expect(timer).toHaveTextContent('2:00');
    });
  });

  it('turns urgent in the last two minutes and releases the tickets when it reaches zero', async () => {
    // A hold near the end of its life: the hard cap comes before the deadline.
    const api = mockCheckoutApi({ hardCapMs: 150_000 });
    renderCheckout({ state: VIP });
    const timer = await screen.findByRole('timer');
    expect(timer).toHaveTextContent('2:30');
    expect(timer).toHaveAttribute('data-urgent', 'false');
    expect(
      screen.getByText(`Your hold ends at the latest at ${formatTime(NOW + 150_000)}.`),
    ).toBeInTheDocument();

    // Active, so that it is the hard cap and not the inactivity timeout that runs out.
    fireEvent.pointerMove(document.body);
    await wait(30_000);
    expect(timer).toHaveTextContent('2:00');
    expect(timer).toHaveAttribute('data-urgent', 'true');
    expect(
      screen.getByText('Less than 2 minutes left to complete your purchase.'),
    ).toBeInTheDocument();

    fireEvent.pointerMove(document.body);
    await wait(120_000);
    expect(await screen.findByText('Your tickets were released')).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent(/time to complete your purchase ran out/);
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Choose tickets again' })).toHaveAttribute(
      'href',
      `/concerts/${CONCERT_ID}`,
    );
    await waitFor(() => {
      expect(api.releases()).toHaveLength(1);
    });
  });

  it('while heartbeats fail, runs to the time the server keeps a silent page’s hold, and then says why it went', async () => {
    const { timer, api } = await enterCheckout();
    api.overrides.heartbeat = () => HttpResponse.error();
    fireEvent.pointerMove(document.body);

    await wait(30_000);
    expect(await screen.findByText(/Reconnecting/)).toBeVisible();

    // The server last heard from the page on entering checkout, 90 seconds before it lets go.
    await waitFor(() => {
      expect(timer).toHaveTextContent('1:00');
    });
    expect(timer).toHaveAccessibleDescription('unless we reconnect before then');
    await wait(60_000);
    expect(await screen.findByText('Your tickets were released')).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent(/could not reach the box office/);
  });

  it('stays in sight of the Pay button, as the button’s description, on a narrow screen', async () => {
    await enterCheckout();
    await wait(10_000);

    const pay = screen.getByRole('button', { name: /^Pay / });

    expect(pay).toHaveAccessibleDescription('Tickets held for 2:50 if you stay inactive');
    expect(screen.getByTestId('compact-countdown')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getAllByRole('timer')).toHaveLength(1);
  });
});

describe('heartbeats', () => {
  it('are sent every interval, active only when the shopper did something since the last', async () => {
    const { api, user } = await enterCheckout();

    await user.type(screen.getByLabelText('Full name'), 'Ada');
    await wait(30_000);
    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(1);
    });
    await wait(30_000);
    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(2);
    });
    fireEvent.scroll(window);
    await wait(30_000);

    await waitFor(() => {
      expect(api.heartbeats()).toEqual([
        { concertId: CONCERT_ID, active: true, visible: true },
        { concertId: CONCERT_ID, active: false, visible: true },
        { concertId: CONCERT_ID, active: true, visible: true },
      ]);
    });
  });

  it('say the tab is hidden while it is, and one is sent at once when it is visible again', async () => {
    const { api } = await enterCheckout();

    setVisibility('hidden');
    await wait(30_000);
    await waitFor(() => {
      expect(api.heartbeats()).toEqual([{ concertId: CONCERT_ID, active: false, visible: false }]);
    });
    await wait(5_000);
    setVisibility('visible');

    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(2);
    });
    expect(api.heartbeats()[1]).toEqual({ concertId: CONCERT_ID, active: false, visible: true });
  });

  it('one is sent at once when the page comes back from the back/forward cache', async () => {
    const { api } = await enterCheckout();

    fireEvent(window, new PageTransitionEvent('pageshow', { persisted: true }));

    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(1);
    });
  });

  it.each([
    {
      status: 410,
      code: 'HOLD_EXPIRED',
      how: 'ran out',
      title: 'Your tickets were released',
      link: 'Choose tickets again',
      href: `/concerts/${CONCERT_ID}`,
    },
    {
      status: 404,
      code: 'NO_ACTIVE_HOLD',
      how: 'was given back or bought in another tab',
      title: 'These tickets are no longer held here',
      link: 'My bookings',
      href: '/bookings',
    },
    {
      status: 409,
      code: 'SALES_CLOSED',
      how: 'ended with the sales',
      title: 'Ticket sales have closed',
      link: 'See upcoming concerts',
      href: '/',
    },
  ] as const)(
    'say why the tickets went when the server answers $status $code (the hold $how)',
    async ({ status, code, title, link, href }) => {
      const { api } = await enterCheckout();
      api.overrides.heartbeat = () => apiError(status, code, 'Your tickets are no longer held.');

      await wait(30_000);

      const message = await screen.findByRole('alert');
      expect(message).toHaveTextContent(title);
      expect(within(message).getByRole('link', { name: link })).toHaveAttribute('href', href);
      expect(screen.queryByRole('timer')).not.toBeInTheDocument();
      expect(api.releases()).toHaveLength(0);
    },
  );

  it('keep trying after a network failure, with a quiet note, and keep the activity they carried', async () => {
    const { api } = await enterCheckout();
    api.overrides.heartbeat = () => HttpResponse.error();

    fireEvent.pointerDown(document.body);
    await wait(30_000);

    expect(await screen.findByText(/Reconnecting/)).toBeVisible();
    expect(screen.getByRole('timer')).toBeVisible();
    api.overrides.heartbeat = undefined;
    await wait(5_000);

    await waitFor(() => {
      expect(screen.queryByText(/Reconnecting/)).not.toBeInTheDocument();
    });
    expect(api.heartbeats()).toEqual([
      { concertId: CONCERT_ID, active: true, visible: true },
      { concertId: CONCERT_ID, active: true, visible: true },
    ]);
  });
});

describe('"Still there?"', () => {
  const LEAD_MS = 60_000; // min(60 s, a third of the 3-minute inactivity timeout)

  async function idleUntilAsked() {
    const entered = await enterCheckout();
    await entered.user.click(screen.getByLabelText('Full name'));
    await wait(180_000 - LEAD_MS);
    const dialog = await screen.findByRole('dialog', { name: 'Still there?' });
    return { ...entered, dialog };
  }

  it('asks an idle shopper, with focus in the dialog and a countdown to the release', async () => {
    const { dialog } = await idleUntilAsked();

    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getByRole('button', { name: 'I’m still here' })).toHaveFocus();
    expect(dialog).toHaveAccessibleDescription(/released in 1:00/);
    await wait(10_000);
    expect(dialog).toHaveTextContent('released in 0:50');
  });

  it('goes away on any key and tells the server the shopper is back', async () => {
    const { api } = await idleUntilAsked();
    const before = api.heartbeats().length;

    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Shift' });

    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(screen.getByLabelText('Full name')).toHaveFocus();
    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(before + 1);
    });
    expect(api.heartbeats().at(-1)).toEqual({ concertId: CONCERT_ID, active: true, visible: true });
  });

  it('goes away with "I’m still here" and tells the server the shopper is back', async () => {
    const { api, user, dialog } = await idleUntilAsked();
    const before = api.heartbeats().length;

    await user.click(within(dialog).getByRole('button', { name: 'I’m still here' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(before + 1);
    });
    expect(api.heartbeats().at(-1)).toEqual({ concertId: CONCERT_ID, active: true, visible: true });
    // The idle clock started again: no new question until another stretch of idling.
    await wait(180_000 - LEAD_MS - 1_000);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('releases the tickets when nobody answers', async () => {
    const { api } = await idleUntilAsked();

    await wait(LEAD_MS);

    expect(await screen.findByText('Your tickets were released')).toBeVisible();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => {
      expect(api.releases()).toHaveLength(1);
    });
  });
});
