import { describe, expect, it } from 'vitest';
import { concertFixture, tierFixture } from '../../../test/fixtures';
import { priceRange, saleStatus } from './sale-status';

describe('saleStatus', () => {
  it('is sold out when every ticket of every tier is sold', () => {
    const concert = concertFixture({
      tiers: [
        tierFixture({ code: 'vip', total: 10, sold: 10 }),
        tierFixture({ code: 'ga', total: 50, sold: 50 }),
      ],
    });
    expect(saleStatus(concert)).toEqual({ kind: 'sold-out' });
  });

  it('is all held when nothing is left but some tickets are only held, with how many', () => {
    const concert = concertFixture({
      tiers: [
        tierFixture({ code: 'vip', total: 10, sold: 8, held: 2 }),
        tierFixture({ code: 'ga', total: 50, sold: 47, held: 3 }),
      ],
    });
    expect(saleStatus(concert)).toEqual({ kind: 'all-held', held: 5 });
  });

  it('is sold out when the only held tickets are beyond a lowered capacity', () => {
    const concert = concertFixture({
      tiers: [tierFixture({ code: 'vip', total: 10, sold: 10, held: 2, available: 0 })],
    });
    expect(saleStatus(concert)).toEqual({ kind: 'sold-out' });
  });

  it('counts a few left across all tiers: at most 20…', () => {
    const concert = concertFixture({
      tiers: [
        tierFixture({ code: 'vip', total: 100, sold: 88 }),
        tierFixture({ code: 'ga', total: 100, sold: 92 }),
      ],
    });
    expect(saleStatus(concert)).toEqual({ kind: 'few-left', available: 20 });
  });

  it('…or at most 5 % of a large capacity', () => {
    const concert = concertFixture({
      tiers: [tierFixture({ code: 'ga', total: 4000, sold: 3800 })],
    });
    expect(saleStatus(concert)).toEqual({ kind: 'few-left', available: 200 });
  });

  it('is selling fast once half the capacity is sold or held', () => {
    const concert = concertFixture({
      tiers: [tierFixture({ code: 'ga', total: 1000, sold: 400, held: 100 })],
    });
    expect(saleStatus(concert)).toEqual({ kind: 'selling-fast' });
  });

  it('is on sale otherwise', () => {
    const concert = concertFixture({
      tiers: [tierFixture({ code: 'ga', total: 1000, sold: 400, held: 99 })],
    });
    expect(saleStatus(concert)).toEqual({ kind: 'on-sale' });
  });
});

describe('priceRange', () => {
  it('spans the cheapest to the dearest tier', () => {
    expect(priceRange(concertFixture())).toEqual({
      minCents: 6_900,
      maxCents: 24_900,
      currency: 'USD',
    });
  });

  it('is null for a concert without tiers', () => {
    expect(priceRange(concertFixture({ tiers: [] }))).toBeNull();
  });
});
