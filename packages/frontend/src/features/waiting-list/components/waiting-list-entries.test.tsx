import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubEventSource } from '../../../test/fake-event-source';
import { NOW, OFFER_TOKEN, offerFixture, waitingListEntryFixture } from '../../../test/fixtures';
import {
  mockWaitingListApi,
  renderConcertPage,
  sendCounts,
  soldOutConcert,
} from '../testing/mock-waiting-list';

let streams: ReturnType<typeof stubEventSource>;

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
  streams = stubEventSource();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const waiting = () => waitingListEntryFixture({ tier: 'vip', quantity: 2, ahead: 3 });

/** The entry offered the tickets, with the server's clock `serverAheadMs` ahead of the browser's. */
function offered(serverAheadMs = 0) {
  const serverNow = NOW + serverAheadMs;
  return waitingListEntryFixture({
    tier: 'vip',
    quantity: 2,
    status: 'OFFERED',
    ahead: undefined,
    offer: offerFixture({
      serverTime: new Date(serverNow).toISOString(),
      expiresAt: new Date(serverNow + 30 * 60_000).toISOString(),
    }),
  });
}

function announcer() {
  return screen.getByRole('status', { name: 'Waiting list updates' });
}

function offerCard() {
  const card = screen
    .getByRole('heading', { name: '2 VIP tickets are held for you' })
    .closest('li');
  if (!card) throw new Error('No offer shown');
  return within(card);
}

describe('the shopper’s waiting lists on the concert page', () => {
  it('shows a place in line with the ones ahead, and leaving takes it off', async () => {
    const api = mockWaitingListApi({ entries: [waiting()] });
    const { user } = await renderConcertPage();

    expect(
      await screen.findByText('You’re on the waiting list for 2 × VIP — 3 ahead of you'),
    ).toBeVisible();
    // Already waiting: no second way onto the same list.
    expect(screen.queryByRole('button', { name: 'Join the waiting list for VIP' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Leave the waiting list for VIP' }));

    await waitFor(() => {
      expect(screen.queryByText(/You’re on the waiting list/)).toBeNull();
    });
    expect(api.leaves).toEqual(['vip']);
    expect(screen.getByRole('button', { name: 'Join the waiting list for VIP' })).toBeVisible();
  });

  it('shows the offer the moment the counts move, and announces it, with no polling meanwhile', async () => {
    const concert = soldOutConcert();
    const api = mockWaitingListApi({ concert, entries: [waiting()] });
    await renderConcertPage(concert);
    await screen.findByText(/You’re on the waiting list/);
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(api.entryFetches()).toBe(1);

    // A booking was cancelled: its tickets are held for this shopper, and the counts move.
    api.setEntries([offered()]);
    sendCounts(streams.latest(), concert, 2);

    expect(
      await screen.findByRole('heading', { name: '2 VIP tickets are held for you' }),
    ).toBeVisible();
    expect(offerCard().getByRole('timer')).toHaveTextContent('30:00');
    expect(offerCard().getByRole('link', { name: 'Buy them' })).toHaveAttribute(
      'href',
      `/offers/${OFFER_TOKEN}`,
    );
    await waitFor(() => {
      expect(announcer()).toHaveTextContent(
        '2 VIP tickets are held for you for 30 minutes: use Buy them to pay.',
      );
    });
    expect(screen.queryByText(/You’re on the waiting list/)).toBeNull();
  });

  it('counts the offer down by the server’s clock, not the browser’s', async () => {
    // The server's clock is 5 minutes ahead: its offer ends 30 minutes after its own now.
    mockWaitingListApi({ entries: [offered(5 * 60_000)] });
    await renderConcertPage();
    await screen.findByRole('heading', { name: '2 VIP tickets are held for you' });
    expect(offerCard().getByRole('timer')).toHaveTextContent('30:00');

    await act(() => vi.advanceTimersByTimeAsync(61_000));

    expect(offerCard().getByRole('timer')).toHaveTextContent('28:59');
  });

  it('when the time is up, asks the server, and says the offer ended', async () => {
    const api = mockWaitingListApi({ entries: [offered()] });
    await renderConcertPage();
    await screen.findByRole('heading', { name: '2 VIP tickets are held for you' });
    api.setEntries([{ ...offered(), status: 'LAPSED', offer: undefined }]);

    await act(() => vi.advanceTimersByTimeAsync(30 * 60_000));

    expect(await screen.findByText('Your offer ended')).toBeVisible();
    expect(
      screen.getByText(
        'The 2 VIP tickets held for you were not bought in time and passed to the next in line. You can join the waiting list again.',
      ),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Join the waiting list for VIP' })).toBeVisible();
    await waitFor(() => {
      expect(announcer()).toHaveTextContent('Your offer of 2 VIP tickets ended.');
    });
  });

  it('gives the offered tickets up when asked', async () => {
    const api = mockWaitingListApi({ entries: [offered()] });
    const { user } = await renderConcertPage();
    await screen.findByRole('heading', { name: '2 VIP tickets are held for you' });

    await user.click(offerCard().getByRole('button', { name: 'No thanks, give them up' }));

    await waitFor(() => {
      expect(screen.queryByRole('heading', { name: /held for you/ })).toBeNull();
    });
    expect(api.leaves).toEqual(['vip']);
  });

  it('notes tickets bought from the waiting list', async () => {
    mockWaitingListApi({
      entries: [waitingListEntryFixture({ status: 'BOUGHT', ahead: undefined })],
    });
    await renderConcertPage();

    expect(
      await screen.findByText(/You bought the 2 VIP tickets held for you from the waiting list/),
    ).toBeVisible();
  });
});
