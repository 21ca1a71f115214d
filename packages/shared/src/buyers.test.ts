import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './buyers.js';

describe('normalizeEmail', () => {
  it('folds case and trims', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.ORG ')).toBe('ada.lovelace@example.org');
  });

  it('drops a sub-address tag, at any provider', () => {
    expect(normalizeEmail('ada+tickets1@example.org')).toBe('ada@example.org');
    expect(normalizeEmail('ada+a+b@example.org')).toBe('ada@example.org');
  });

  it('keeps a local part that starts with a plus', () => {
    expect(normalizeEmail('+ada@example.org')).toBe('+ada@example.org');
  });

  it('drops dots at Gmail, and reads googlemail.com as gmail.com', () => {
    expect(normalizeEmail('A.d.A+x@googlemail.com')).toBe('ada@gmail.com');
    expect(normalizeEmail('ada@gmail.com')).toBe('ada@gmail.com');
  });

  it('keeps dots elsewhere: they make different mailboxes', () => {
    expect(normalizeEmail('a.da@example.org')).not.toBe(normalizeEmail('ada@example.org'));
  });
});
