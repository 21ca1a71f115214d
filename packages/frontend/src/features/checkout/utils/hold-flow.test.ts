import type { CheckoutItem, CheckoutRequest, Hold } from '@ticket-booking/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { createPurchaseAttempts } from '../../../lib/purchase-attempts';
import { holdFixture, NOW } from '../../../test/fixtures';
import type { CheckoutEvent } from './checkout-state';
import { createHoldFlow, type HoldApi } from './hold-flow';
import type { ChosenTickets } from './hold-items';

const CONCERT_ID = 'neon-harbor-tidelight';
const VIP_2: CheckoutItem[] = [{ tier: 'vip', quantity: 2 }];
const GA_4: CheckoutItem[] = [{ tier: 'ga', quantity: 4 }];

const noAnswer = () => new ApiError(0, 'NETWORK_ERROR', 'No answer.');
const notEnough = () => new ApiError(409, 'NOT_ENOUGH_TICKETS', 'Not enough tickets left.');

function chosen(items: CheckoutItem[], seats: string[] = []): ChosenTickets {
  return { items, seats };
}

function heldFor(items: CheckoutItem[]): Hold {
  return holdFixture({
    items: items.map(({ tier, quantity }) => ({ tier, name: tier, quantity, unitPriceCents: 100 })),
  });
}

/**
 * A flow over a fake API: `liveHold` is this browser's hold, a heartbeat answers 250 ms later with
 * it refreshed, and a new hold, at once, holds what was asked for. Tests override any call,
 * and may `leave` from inside one: the shopper went while that request was under way.
 */
function setUp(requested: CheckoutItem[] | ChosenTickets | null, liveHold: Hold | null = null) {
  let clock = NOW;
  let live = true;
  const refreshed = holdFixture({ lastActiveAt: new Date(NOW + 1_000).toISOString() });
  const api = {
    fetchHold: vi.fn<HoldApi['fetchHold']>(() => Promise.resolve(liveHold)),
    createHold: vi.fn<HoldApi['createHold']>((request: CheckoutRequest) =>
      Promise.resolve(heldFor(request.items)),
    ),
    sendHeartbeat: vi.fn<HoldApi['sendHeartbeat']>(() => {
      clock += 250;
      return Promise.resolve(refreshed);
    }),
    release: vi.fn<HoldApi['release']>(() => Promise.resolve()),
  };
  const events: CheckoutEvent[] = [];
  const onCreated = vi.fn<(hold: Hold) => void>();
  const flow = createHoldFlow({
    concertId: CONCERT_ID,
    requested: Array.isArray(requested) ? chosen(requested) : requested,
    api,
    attempts: createPurchaseAttempts(),
    isVisible: () => true,
    now: () => clock,
    dispatch: (event) => events.push(event),
    isLive: () => live,
    onCreated,
  });
  function tick(ms: number) {
    clock += ms;
  }
  function leave() {
    live = false;
  }
  return { flow, api, events, onCreated, refreshed, tick, leave };
}

describe('entering checkout', () => {
  it.each([
    ['holds the chosen tickets', VIP_2],
    ['was opened without a choice', null],
  ])(
    'resumes the live hold that %s with an active heartbeat, and makes none',
    async (_, requested) => {
      const { flow, api, events, onCreated, refreshed } = setUp(requested, holdFixture());

      await flow.start();

      expect(api.sendHeartbeat).toHaveBeenCalledWith({
        concertId: CONCERT_ID,
        active: true,
        visible: true,
      });
      expect(events).toEqual([{ type: 'held', hold: refreshed, receivedAt: NOW + 250 }]);
      expect(api.createHold).not.toHaveBeenCalled();
      expect(onCreated).not.toHaveBeenCalled();
    },
  );

  it('replaces the live hold when other tickets were chosen', async () => {
    const { flow, api, events, onCreated } = setUp(GA_4, holdFixture());

    await flow.start();

    expect(api.sendHeartbeat).not.toHaveBeenCalled();
    expect(api.createHold).toHaveBeenCalledWith(
      { concertId: CONCERT_ID, items: GA_4 },
      expect.any(String),
    );
    expect(events).toEqual([{ type: 'held', hold: heldFor(GA_4), receivedAt: NOW }]);
    expect(onCreated).toHaveBeenCalledWith(heldFor(GA_4));
  });

  it('asks for the seats picked on the map, and after a reload resumes the hold of those seats', async () => {
    const seats = ['Stalls-B-4', 'Stalls-B-5'];
    const entered = setUp(chosen(GA_4, seats));

    await entered.flow.start();

    expect(entered.api.createHold).toHaveBeenCalledWith(
      { concertId: CONCERT_ID, items: GA_4, seats },
      expect.any(String),
    );

    const seatRef = (number: string) => ({
      id: `Stalls-B-${number}`,
      section: 'Stalls',
      row: 'B',
      number,
      label: `Section Stalls, Row B, Seat ${number}`,
    });
    const seated = holdFixture({
      items: [
        {
          tier: 'stalls',
          name: 'Stalls',
          quantity: 2,
          unitPriceCents: 4_500,
          seats: [seatRef('4'), seatRef('5')],
        },
        { tier: 'ga', name: 'GA', quantity: 4, unitPriceCents: 2_000 },
      ],
    });
    const reloaded = setUp(chosen(GA_4, [...seats].reverse()), seated);

    await reloaded.flow.start();

    expect(reloaded.api.sendHeartbeat).toHaveBeenCalledTimes(1);
    expect(reloaded.api.createHold).not.toHaveBeenCalled();
    expect(reloaded.events).toEqual([
      { type: 'held', hold: reloaded.refreshed, receivedAt: NOW + 250 },
    ]);
  });

  it('makes a new hold when the live one ran out before it could be resumed', async () => {
    const { flow, api, events } = setUp(VIP_2, holdFixture());
    api.sendHeartbeat.mockRejectedValue(new ApiError(410, 'HOLD_EXPIRED', 'Gone.'));

    await flow.start();

    expect(api.createHold).toHaveBeenCalledTimes(1);
    expect(events).toEqual([{ type: 'held', hold: heldFor(VIP_2), receivedAt: NOW }]);
  });

  it('shows the hold it read, as read, when the resuming heartbeat gets no answer', async () => {
    const live = holdFixture();
    const { flow, api, events, tick } = setUp(VIP_2, live);
    api.sendHeartbeat.mockImplementation(() => {
      tick(5_000);
      return Promise.reject(noAnswer());
    });

    await flow.start();

    expect(events).toEqual([{ type: 'held', hold: live, receivedAt: NOW }]);
    expect(api.createHold).not.toHaveBeenCalled();
  });

  it('says nothing was chosen when nothing is held and nothing was chosen', async () => {
    const { flow, api, events } = setUp(null);

    await flow.start();

    expect(events).toEqual([{ type: 'nothing-chosen' }]);
    expect(api.createHold).not.toHaveBeenCalled();
  });

  it('fails without an order to offer when the live hold cannot be read', async () => {
    const { flow, api, events } = setUp(VIP_2);
    const error = noAnswer();
    api.fetchHold.mockRejectedValue(error);

    await flow.start();

    expect(events).toEqual([{ type: 'hold-failed', error, requested: null }]);
    expect(api.createHold).not.toHaveBeenCalled();
  });

  it('fails with the tickets asked for when the hold cannot be made', async () => {
    const { flow, api, events, onCreated } = setUp(VIP_2);
    const error = notEnough();
    api.createHold.mockRejectedValue(error);

    await flow.start();

    expect(events).toEqual([{ type: 'hold-failed', error, requested: chosen(VIP_2) }]);
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('starts once however often it is asked to, as React StrictMode mounts twice', async () => {
    const { flow, api } = setUp(VIP_2);

    await Promise.all([flow.start(), flow.start()]);
    await flow.start();

    expect(api.fetchHold).toHaveBeenCalledTimes(1);
    expect(api.createHold).toHaveBeenCalledTimes(1);
  });
});

describe('asking again', () => {
  it('tries again on request, under the same key after no answer', async () => {
    const { flow, api, events } = setUp(VIP_2);
    const error = noAnswer();
    api.createHold.mockRejectedValueOnce(error);
    await flow.start();

    await flow.retry();

    const keys = api.createHold.mock.calls.map(([, key]) => key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(events).toEqual([
      { type: 'hold-failed', error, requested: chosen(VIP_2) },
      { type: 'restarted' },
      { type: 'held', hold: heldFor(VIP_2), receivedAt: NOW },
    ]);
  });

  it('holds the smaller order a 409 offered as a new attempt, under a new key', async () => {
    const requested = [...VIP_2, ...GA_4];
    const { flow, api, events, onCreated } = setUp(requested);
    const error = notEnough();
    api.createHold.mockRejectedValueOnce(error);
    await flow.start();

    await flow.holdInstead(chosen(VIP_2));

    const calls = api.createHold.mock.calls;
    expect(calls.map(([request]) => request.items)).toEqual([requested, VIP_2]);
    expect(calls[1]?.[1]).not.toBe(calls[0]?.[1]);
    expect(events).toEqual([
      { type: 'hold-failed', error, requested: chosen(requested) },
      { type: 'restarted' },
      { type: 'held', hold: heldFor(VIP_2), receivedAt: NOW },
    ]);
    expect(onCreated).toHaveBeenCalledWith(heldFor(VIP_2));
  });
});

describe('when the shopper leaves while a request is under way', () => {
  it('gives back the tickets held meanwhile, and shows nothing', async () => {
    const { flow, api, events, onCreated, leave } = setUp(VIP_2);
    api.createHold.mockImplementation(() => {
      leave();
      return Promise.resolve(heldFor(VIP_2));
    });

    await flow.start();

    expect(api.release).toHaveBeenCalledWith(CONCERT_ID);
    expect(events).toEqual([]);
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('gives back the hold it was resuming', async () => {
    const { flow, api, events, leave, refreshed } = setUp(VIP_2, holdFixture());
    api.sendHeartbeat.mockImplementation(() => {
      leave();
      return Promise.resolve(refreshed);
    });

    await flow.start();

    expect(api.release).toHaveBeenCalledWith(CONCERT_ID);
    expect(events).toEqual([]);
  });

  it('asks for no hold once the shopper has gone while theirs was being read', async () => {
    const { flow, api, events, leave } = setUp(VIP_2);
    api.fetchHold.mockImplementation(() => {
      leave();
      return Promise.resolve(null);
    });

    await flow.start();

    expect(api.createHold).not.toHaveBeenCalled();
    expect(api.release).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });

  it('shows no failure that comes back after the shopper has gone', async () => {
    const { flow, api, events, leave } = setUp(VIP_2);
    api.createHold.mockImplementation(() => {
      leave();
      return Promise.reject(noAnswer());
    });

    await flow.start();

    expect(api.release).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });
});
