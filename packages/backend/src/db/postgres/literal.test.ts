import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { sqlLiteral } from './literal.js';

describe('sqlLiteral', () => {
  it('writes any text exactly as the driver escapes it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("'", '\\', 'a', '"', 'é', '\n', '$') }),
        (text) => {
          expect(sqlLiteral(text)).toBe(pg.escapeLiteral(text));
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(sqlLiteral(text)).toBe(pg.escapeLiteral(text));
      }),
    );
  });

  it('quotes plain text and marks text with backslashes as an escape string', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
    expect(sqlLiteral('')).toBe("''");
  });
});
