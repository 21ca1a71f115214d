import { describe, expect, it } from 'vitest';
import {
  DECLINED_TEST_CARD,
  cardBrand,
  isCardExpired,
  normalizeCardNumber,
  passesLuhn,
} from './payment.js';

describe('passesLuhn', () => {
  it.each([
    ['4242424242424242', 'Visa test card'],
    ['4000000000000002', 'the declined Visa test card'],
    ['5555555555554444', 'Mastercard test card'],
    ['2223003122003222', 'Mastercard 2-series test card'],
    ['378282246310005', 'American Express test card (15 digits)'],
    ['6011111111111117', 'Discover test card'],
  ])('accepts %s, the %s', (digits) => {
    expect(passesLuhn(digits)).toBe(true);
  });

  it.each([
    ['4242424242424241', 'last digit off by one'],
    ['4242424242424224', 'two digits swapped'],
    ['5555555555554445', 'Mastercard with a wrong check digit'],
    ['378282246310006', 'Amex with a wrong check digit'],
    ['1234567812345678', 'a made-up number'],
  ])('rejects %s (%s)', (digits) => {
    expect(passesLuhn(digits)).toBe(false);
  });

  it.each([
    ['4242 4242 4242 4242', 'spaces'],
    ['4242-4242-4242-4242', 'dashes'],
    ['424242424242424a', 'a letter'],
    ['', 'nothing at all'],
    ['-4242424242424242', 'a sign'],
  ])('rejects %j because it contains %s rather than only digits', (input) => {
    expect(passesLuhn(input)).toBe(false);
  });

  it('agrees that the declined test card is a well-formed number, so decline is the gateway’s call', () => {
    expect(passesLuhn(DECLINED_TEST_CARD)).toBe(true);
  });
});

describe('cardBrand', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['4000000000000002', 'visa'],
    ['5105105105105100', 'mastercard'],
    ['5555555555554444', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['2720990000000000', 'mastercard'],
    ['378282246310005', 'amex'],
    ['371449635398431', 'amex'],
    ['340000000000009', 'amex'],
    ['6011111111111117', 'discover'],
    ['6500000000000002', 'discover'],
    ['6440000000000000', 'discover'],
    ['6490000000000000', 'discover'],
  ] as const)('recognises %s as %s', (digits, brand) => {
    expect(cardBrand(digits)).toBe(brand);
  });

  it.each([
    ['5000000000000000', 'a 50 prefix (Maestro, not Mastercard)'],
    ['5600000000000000', 'a 56 prefix'],
    ['2721000000000000', 'just past the Mastercard 2-series'],
    ['2220000000000000', 'just before the Mastercard 2-series'],
    ['3530111333300000', 'JCB'],
    ['3600000000000000', 'a 36 prefix (Diners)'],
    ['6430000000000000', 'a 643 prefix, just below Discover’s 644–649'],
    ['9999999999999995', 'a 9 prefix'],
  ])('calls %s unknown: %s', (digits) => {
    expect(cardBrand(digits)).toBe('unknown');
  });
});

describe('normalizeCardNumber', () => {
  it('drops the spaces people type between digit groups', () => {
    expect(normalizeCardNumber('4242 4242 4242 4242')).toBe('4242424242424242');
  });

  it('drops dashes, tabs and surrounding whitespace', () => {
    expect(normalizeCardNumber(' 3782-822463-10005\t')).toBe('378282246310005');
  });

  it('leaves other characters for the validator to reject', () => {
    expect(normalizeCardNumber('4242.4242 4242x4242')).toBe('4242.42424242x4242');
  });
});

describe('isCardExpired', () => {
  it('is usable on the last millisecond of its expiry month, UTC', () => {
    const lastMoment = new Date(Date.UTC(2027, 2, 31, 23, 59, 59, 999));

    expect(isCardExpired('03/27', lastMoment)).toBe(false);
  });

  it('is expired from the first moment of the following month, UTC', () => {
    const firstOfApril = new Date('2027-04-01T00:00:00.000Z');

    expect(isCardExpired('03/27', firstOfApril)).toBe(true);
  });

  it('a December card lasts until New Year, UTC', () => {
    expect(isCardExpired('12/27', new Date('2027-12-31T23:59:59.999Z'))).toBe(false);
    expect(isCardExpired('12/27', new Date('2028-01-01T00:00:00.000Z'))).toBe(true);
  });

  it('is usable during an earlier month of the same year', () => {
    expect(isCardExpired('03/27', new Date('2027-01-15T12:00:00.000Z'))).toBe(false);
  });

  it('is expired in a later year whatever the month', () => {
    expect(isCardExpired('12/26', new Date('2027-01-01T00:00:00.000Z'))).toBe(true);
  });

  it.each(['3/27', '03/2027', '0327', '', 'ab/cd', '13/30', '00/99'])(
    'treats the malformed expiry %j as expired',
    (expiry) => {
      expect(isCardExpired(expiry, new Date('2020-01-01T00:00:00.000Z'))).toBe(true);
    },
  );
});
