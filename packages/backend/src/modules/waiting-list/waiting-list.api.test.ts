import type { Booking, OrganizerWaitingList, WaitingListEntry } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { expireHolds } from '../../jobs/hold-expiry.js';
import { renderOutgoing } from '../mail/delivery.js';
import { storedRows, storedTier } from '../../test/inspect.js';
import { BUYER, GOOD_CARD, type Shopper } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';

const CONCERT = 'sold-out-show';
const TOKEN = 'organizer-token-0123456789-abcdefghij';
const MINUTE = 60_000;

async function soldOutApp(): Promise<TestApp> {
  return startTestApp({
    concerts: [{ id: CONCERT, tiers: [{ code: 'ga', total: 4, priceCents: 5000 }] }],
    config: { adminToken: TOKEN },
  });
}

async function buy(shopper: Shopper, quantity: number): Promise<Booking> {
  expect((await shopper.checkout(CONCERT, [{ tier: 'ga', quantity }])).status).toBe(201);
  const res = await shopper.book(CONCERT);
  expect(res.status).toBe(201);
  return res.body.booking as Booking;
}

function join(shopper: Shopper, email: string, quantity: number, tier = 'ga') {
  return shopper.request('POST', `/api/concerts/${CONCERT}/waiting-list`, {
    tier,
    email,
    quantity,
  });
}

async function entriesOf(shopper: Shopper): Promise<WaitingListEntry[]> {
  const res = await shopper.request('GET', `/api/concerts/${CONCERT}/waiting-list`);
  expect(res.status).toBe(200);
  return res.body.entries as WaitingListEntry[];
}

async function storedWaiting(app: TestApp): Promise<number> {
  const [row] = await storedRows<{ waiting: number }>(
    app.db,
    'SELECT waiting FROM tiers WHERE concert_id = ? AND code = ?',
    [CONCERT, 'ga'],
  );
  return row?.waiting ?? -1;
}

async function storedEntries(app: TestApp) {
  return storedRows<{ email: string; status: string; quantity: number }>(
    app.db,
    'SELECT email, status, quantity FROM waiting_list ORDER BY id',
  );
}

function buyOffer(shopper: Shopper, token: string) {
  return shopper.request('POST', '/api/bookings', {
    concertId: CONCERT,
    buyer: BUYER,
    payment: GOOD_CARD,
    offer: token,
  });
}

describe('a waiting list for a sold-out tier', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it('is refused while the tier has tickets to buy, and for bad input names the field, storing nothing', async () => {
    app = await soldOutApp();
    const shopper = app.shopper();

    const open = await join(shopper, 'ada@example.com', 2);
    const bad = await join(shopper, 'not-an-email', 0, 'nope');

    expect(open.status).toBe(409);
    expect(open.body.error).toMatchObject({ code: 'WAITING_LIST_NOT_NEEDED' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'email',
      'quantity',
    ]);
    expect(await storedEntries(app)).toEqual([]);
    expect(await storedWaiting(app)).toBe(0);
  });

  it('keeps returned tickets for the list and offers them in order, by email, to the first whose quantity fits', async () => {
    app = await soldOutApp();
    const buyer = app.shopper();
    const booking = await buy(buyer, 4);
    const [ada, bo, cy] = [app.shopper(), app.shopper(), app.shopper()];
    expect((await join(ada, 'ada@example.com', 3)).status).toBe(201);
    expect((await join(bo, 'bo@example.com', 1)).status).toBe(201);
    expect((await join(cy, 'cy@example.com', 2)).status).toBe(201);
    expect((await entriesOf(cy))[0]).toMatchObject({ status: 'WAITING', ahead: 2, quantity: 2 });
    expect((await join(ada, 'ada+again@example.com', 1)).body.error.code).toBe(
      'ALREADY_ON_WAITING_LIST',
    );

    // Four come back: Ada's three fit, then Bo's one; Cy's two no longer do.
    expect((await buyer.cancelBooking(booking.id)).status).toBe(200);

    const [adaEntry] = await entriesOf(ada);
    expect(adaEntry).toMatchObject({ status: 'OFFERED', quantity: 3 });
    expect(adaEntry?.offer).toMatchObject({
      status: 'OPEN',
      quantity: 3,
      tier: 'ga',
      expiresAt: new Date(app.clock.now() + 30 * MINUTE).toISOString(),
    });
    expect((await entriesOf(bo))[0]).toMatchObject({ status: 'OFFERED', quantity: 1 });
    expect((await entriesOf(cy))[0]).toMatchObject({ status: 'WAITING', ahead: 0 });
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({
      sold: 0,
      heldCounter: 4,
      inHoldRows: 4,
    });
    expect(await storedWaiting(app)).toBe(2);
    // The buyer is ada@example.com too: her confirmation and cancellation come first.
    const mails = await app.db.mail.sentTo('ada@example.com');
    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Your tickets for /),
      expect.stringMatching(/^Booking cancelled: /),
      '3 tickets held for you: GA',
    ]);
    const offer = mails[2];
    expect(offer && renderOutgoing(offer, app.services).text).toContain(
      `http://localhost:5173/offers/${adaEntry?.offer?.token}`,
    );
    expect(await app.db.mail.sentTo('cy@example.com')).toEqual([]);

    // Nobody else can take the offered tickets.
    const stranger = app.shopper();
    const refused = await stranger.checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('NOT_ENOUGH_TICKETS');
  });

  it('lets whoever has the link buy the offer, once, from another device', async () => {
    app = await soldOutApp();
    const buyer = app.shopper();
    const booking = await buy(buyer, 4);
    const ada = app.shopper();
    await join(ada, 'ada@example.com', 2);
    await buyer.cancelBooking(booking.id);
    const token = (await entriesOf(ada))[0]?.offer?.token ?? '';
    const phone = app.shopper();

    const offer = await phone.request('GET', `/api/offers/${token}`);
    const bought = await buyOffer(phone, token);
    const again = await buyOffer(phone, token);

    expect(offer.status).toBe(200);
    expect(offer.body.offer).toMatchObject({ status: 'OPEN', quantity: 2, unitPriceCents: 5000 });
    expect(bought.status).toBe(201);
    expect(bought.body.booking).toMatchObject({
      status: 'CONFIRMED',
      items: [{ tier: 'ga', quantity: 2, unitPriceCents: 5000 }],
      totalCents: 10_000,
    });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('OFFER_ENDED');
    expect((await phone.request('GET', `/api/offers/${token}`)).body.offer.status).toBe('BOUGHT');
    expect((await entriesOf(ada))[0]).toMatchObject({ status: 'BOUGHT' });
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({
      sold: 2,
      heldCounter: 0,
      inHoldRows: 0,
      inBookings: 2,
    });
    // The two tickets left over nobody waits for go back on sale.
    const concert = await phone.concert(CONCERT);
    expect(concert.body.concert.tiers[0]).toMatchObject({ available: 2 });
    expect(
      (await phone.request('GET', '/api/offers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status,
    ).toBe(404);
  });

  it('passes an offer that ran out to the next in line, and never to anyone else meanwhile', async () => {
    app = await soldOutApp();
    const buyer = app.shopper();
    const first = await buy(buyer, 2);
    await buy(app.shopper(), 2);
    const [ada, bo] = [app.shopper(), app.shopper()];
    await join(ada, 'ada@example.com', 2);
    await join(bo, 'bo@example.com', 2);
    await buyer.cancelBooking(first.id);
    const token = (await entriesOf(ada))[0]?.offer?.token ?? '';

    app.clock.advance(30 * MINUTE);
    const stranger = app.shopper();
    const meanwhile = await stranger.checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);
    const late = await buyOffer(ada, token);
    await expireHolds(app.services);

    expect(meanwhile.status).toBe(409);
    expect(late.status).toBe(410);
    expect((await entriesOf(ada))[0]).toMatchObject({ status: 'LAPSED' });
    expect((await entriesOf(bo))[0]).toMatchObject({ status: 'OFFERED', quantity: 2 });
    expect(await app.db.mail.sentTo('bo@example.com')).toHaveLength(1);
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({ heldCounter: 2 });
    expect(await storedWaiting(app)).toBe(0);
  });

  it('offers the tickets of a hold that ran out as soon as anyone writes, with no job to wait for', async () => {
    app = await soldOutApp();
    const holder = app.shopper();
    expect((await holder.checkout(CONCERT, [{ tier: 'ga', quantity: 4 }])).status).toBe(201);
    const ada = app.shopper();
    expect((await join(ada, 'ada@example.com', 3)).status).toBe(201);

    app.clock.advance(2 * 3600_000);
    const stranger = await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);

    // The one ticket Ada does not want is the stranger's; her three are held for her.
    expect(stranger.status).toBe(201);
    expect((await entriesOf(ada))[0]).toMatchObject({ status: 'OFFERED', quantity: 3 });
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({ heldCounter: 4 });
  });

  it('when many devices buy one offer at once, exactly one gets the tickets', async () => {
    app = await soldOutApp();
    const buyer = app.shopper();
    const booking = await buy(buyer, 4);
    const ada = app.shopper();
    await join(ada, 'ada@example.com', 2);
    await buyer.cancelBooking(booking.id);
    const token = (await entriesOf(ada))[0]?.offer?.token ?? '';

    const answers = await Promise.all(
      Array.from({ length: 12 }, () => buyOffer(app.shopper(), token)),
    );

    expect(answers.map((res) => res.status).sort()).toEqual([
      201,
      ...Array.from({ length: 11 }, () => 410),
    ]);
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({ sold: 2, inBookings: 2 });
  });

  it('gives the next in line what an entry that leaves gave up, offer and all', async () => {
    app = await soldOutApp();
    const buyer = app.shopper();
    const booking = await buy(buyer, 4);
    const [ada, bo] = [app.shopper(), app.shopper()];
    await join(ada, 'ada@example.com', 2);
    await join(bo, 'bo@example.com', 3);
    await buyer.cancelBooking(booking.id);
    expect((await entriesOf(bo))[0]).toMatchObject({ status: 'WAITING', ahead: 0 });

    const left = await ada.request('DELETE', `/api/concerts/${CONCERT}/waiting-list/ga`);
    const again = await ada.request('DELETE', `/api/concerts/${CONCERT}/waiting-list/ga`);

    expect(left.status).toBe(204);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('NOT_ON_WAITING_LIST');
    expect(await entriesOf(ada)).toEqual([]);
    expect((await entriesOf(bo))[0]).toMatchObject({ status: 'OFFERED', quantity: 3 });
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({ heldCounter: 3 });
    // The one ticket nobody waits for any more is on sale again.
    expect((await buyer.concert(CONCERT)).body.concert.tiers[0]).toMatchObject({ available: 1 });
  });

  it('when a rush of checkouts races the cancellation, the returned tickets still go to the list', async () => {
    app = await soldOutApp();
    const buyer = app.shopper();
    const booking = await buy(buyer, 4);
    const ada = app.shopper();
    await join(ada, 'ada@example.com', 4);
    const rushers = Array.from({ length: 40 }, () => app.shopper());

    const [cancelled, ...rush] = await Promise.all([
      buyer.cancelBooking(booking.id),
      ...rushers.map((shopper) => shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 1 }])),
    ]);

    expect(cancelled.status).toBe(200);
    expect(rush.map((res) => res.status)).toEqual(rush.map(() => 409));
    expect((await entriesOf(ada))[0]).toMatchObject({ status: 'OFFERED', quantity: 4 });
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({
      sold: 0,
      heldCounter: 4,
      inHoldRows: 4,
    });
  });

  it('shows the organizer every entry and offer, and lets them set how long offers last', async () => {
    app = await soldOutApp();
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const organizer = app.shopper();
    const set = await organizer.request(
      'PATCH',
      `/api/concerts/${CONCERT}`,
      { offerMinutes: 10 },
      auth,
    );
    const buyer = app.shopper();
    const booking = await buy(buyer, 4);
    await join(app.shopper(), 'ada@example.com', 1);
    await join(app.shopper(), 'bo@example.com', 2);
    await buyer.cancelBooking(booking.id);

    const res = await organizer.request(
      'GET',
      `/api/admin/concerts/${CONCERT}/waiting-list`,
      undefined,
      auth,
    );

    expect(set.status).toBe(200);
    expect(set.body.concert.offerMinutes).toBe(10);
    expect(res.status).toBe(200);
    const list = res.body as OrganizerWaitingList;
    expect(list.offerMinutes).toBe(10);
    const offeredAt = new Date(app.clock.now()).toISOString();
    expect(list.entries).toEqual([
      expect.objectContaining({
        email: 'ada@example.com',
        status: 'OFFERED',
        offeredAt,
        offerExpiresAt: new Date(app.clock.now() + 10 * MINUTE).toISOString(),
      }),
      expect.objectContaining({ email: 'bo@example.com', status: 'OFFERED', quantity: 2 }),
    ]);
  });
});
