import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOW } from '../../../test/fixtures';
import { RETRY_MS } from '../hooks/use-offline-door';
import {
  CHECKED_IN_AT,
  mockCheckIns,
  renderDoor,
  signedTicket,
  TONIGHT,
} from '../testing/mock-door';
import { doorKey, signTicket } from '../testing/sign-ticket';

const QUEUE_KEY = 'encore.door-queue';

const ada = signedTicket({ number: 1 });
const grace = signedTicket({ number: 2, holder: 'Grace Hopper', tierName: 'General Admission' });
/** Shaped like a ticket of tonight's booking, signed with a key no concert has. */
const FORGED = signTicket(doorKey(99), ada.bookingId, 3);

beforeEach(() => {
  sessionStorage.clear();
  vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
  sessionStorage.clear();
});

function codeField() {
  return screen.getByLabelText('Ticket code');
}

async function verdict(text: RegExp | string) {
  await waitFor(() => {
    expect(screen.getByRole('status')).toHaveTextContent(text);
  });
  return screen.getByTestId('check-in-result');
}

/** The door page, once it has fetched tonight's key. */
async function renderReadyDoor() {
  const rendered = renderDoor();
  expect(
    await screen.findByText(/this device can still check tickets for Tidelight Tour/),
  ).toBeVisible();
  return rendered;
}

function queuedCodes(): string[] {
  const queue = JSON.parse(sessionStorage.getItem(QUEUE_KEY) ?? '[]') as { code: string }[];
  return queue.map((queued) => queued.code);
}

describe('the door page without a network', () => {
  it('lets a ticket signed for tonight in on this device, and queues it to be recorded', async () => {
    const api = mockCheckIns([ada], { keys: [TONIGHT] });
    const { user } = await renderReadyDoor();
    api.network.fail();

    await user.type(codeField(), `${ada.code}{Enter}`);

    const shown = await verdict('Valid — let in (offline)');
    expect(shown).toHaveAttribute('data-tone', 'go');
    expect(shown).toHaveTextContent('Tidelight Tour · Ticket 1');
    expect(shown).toHaveTextContent('Recorded when the connection is back');
    expect(
      screen.getByText('Offline — checking tickets on this device; 1 waiting to be recorded'),
    ).toBeVisible();
    expect(queuedCodes()).toEqual([ada.code]);
  });

  it('says a ticket it let in was already scanned here, offline or not', async () => {
    const api = mockCheckIns([ada, grace], { keys: [TONIGHT] });
    const { user } = await renderReadyDoor();
    await user.type(codeField(), `${grace.code}{Enter}`);
    await verdict('Valid — let in');
    api.network.fail();

    await user.type(codeField(), `${ada.code}{Enter}`);
    await verdict('Valid — let in (offline)');
    await user.type(codeField(), `${ada.code}{Enter}`);
    const again = await verdict('Already scanned at this door');
    expect(again).toHaveAttribute('data-tone', 'wait');
    expect(again).toHaveTextContent('Tidelight Tour · Ticket 1');

    await user.type(codeField(), `${grace.code}{Enter}`);
    await verdict(/Already scanned at this door.*Ticket 2/);
    expect(queuedCodes()).toEqual([ada.code]);
  });

  it('refuses a code no key of tonight’s signed, saying older tickets cannot be checked offline', async () => {
    const api = mockCheckIns([ada], { keys: [TONIGHT] });
    const { user } = await renderReadyDoor();
    api.network.fail();

    await user.type(codeField(), `${FORGED}{Enter}`);

    const shown = await verdict('Not a valid ticket for today’s concerts');
    expect(shown).toHaveAttribute('data-tone', 'stop');
    expect(shown).toHaveTextContent('cannot check older tickets');
    expect(queuedCodes()).toEqual([]);
  });

  it('checks tickets with the keys it kept when the page is reloaded offline', async () => {
    const api = mockCheckIns([ada], { keys: [TONIGHT] });
    const first = await renderReadyDoor();
    first.unmount();
    api.network.fail();

    const { user } = renderDoor();
    await user.type(codeField(), `${ada.code}{Enter}`);

    await verdict('Valid — let in (offline)');
  });

  it('records the queue once back online, listing tickets let in elsewhere meanwhile', async () => {
    const usedElsewhere = {
      ...ada,
      status: 'CHECKED_IN' as const,
      checkedInAt: CHECKED_IN_AT,
      door: 'North gate',
    };
    const api = mockCheckIns([usedElsewhere, grace], { keys: [TONIGHT] });
    const { user } = await renderReadyDoor();
    await user.type(screen.getByLabelText('Door'), 'Door 2');
    api.network.fail();
    await user.type(codeField(), `${ada.code}{Enter}`);
    await verdict(/Valid — let in \(offline\).*Ticket 1/);
    await user.type(codeField(), `${grace.code}{Enter}`);
    await verdict(/Valid — let in \(offline\).*Ticket 2/);
    expect(screen.getByText(/2 waiting to be recorded/)).toBeVisible();

    api.network.restore();
    act(() => {
      window.dispatchEvent(new Event('online'));
    });

    const conflicts = await screen.findByRole('region', {
      name: 'Checked in elsewhere while this door was offline',
    });
    const [item, ...others] = within(conflicts).getAllByRole('listitem');
    expect(others).toHaveLength(0);
    expect(item).toHaveTextContent('Ada Lindqvist · VIP — Tidelight Tour · Ticket 1');
    expect(item).toHaveTextContent(/Already checked in at 7:42\sPM EST at North gate/);
    expect(api.calls.slice(-2).map((call) => call.body)).toEqual([
      { code: ada.code, door: 'Door 2' },
      { code: grace.code, door: 'Door 2' },
    ]);
    await waitFor(() => {
      expect(screen.queryByText(/waiting to be recorded/)).not.toBeInTheDocument();
    });
    expect(queuedCodes()).toEqual([]);
  });

  it('tries the queue again every 10 seconds until the server answers', async () => {
    const api = mockCheckIns([ada], { keys: [TONIGHT] });
    const { user } = await renderReadyDoor();
    api.network.fail();
    await user.type(codeField(), `${ada.code}{Enter}`);
    await verdict('Valid — let in (offline)');
    const sent = api.calls.length;

    await act(() => vi.advanceTimersByTimeAsync(RETRY_MS));
    expect(api.calls).toHaveLength(sent);
    expect(queuedCodes()).toEqual([ada.code]);

    api.network.restore();
    await act(() => vi.advanceTimersByTimeAsync(RETRY_MS));

    await waitFor(() => {
      expect(queuedCodes()).toEqual([]);
    });
    expect(api.calls.at(-1)?.body).toEqual({ code: ada.code });
    expect(screen.queryByText(/Offline/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Checked in elsewhere while this door was offline' }),
    ).not.toBeInTheDocument();
  });

  it('says the check-in did not get through when it has no door keys', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();
    api.network.fail();

    await user.type(codeField(), `${ada.code}{Enter}`);

    const shown = await verdict('Not checked — scan again');
    expect(shown).toHaveAttribute('data-tone', 'neutral');
    expect(shown).toHaveTextContent('This door has no keys to check tickets offline.');
    expect(
      screen.getByText(/Offline — this device has no keys to check tickets with/),
    ).toBeVisible();
    expect(queuedCodes()).toEqual([]);
  });
});
