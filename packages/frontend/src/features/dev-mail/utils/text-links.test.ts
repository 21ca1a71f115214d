import { describe, expect, it } from 'vitest';
import { splitLinks } from './text-links';

function links(text: string): string[] {
  return splitLinks(text).flatMap((part) => (part.kind === 'link' ? [part.href] : []));
}

describe('finding the links of a plain-text message', () => {
  it('cuts the text around each web address, losing nothing', () => {
    const text =
      'Pay here: http://localhost:5173/offers/Kp3x\nor see https://x.test/bookings/1 soon';

    const parts = splitLinks(text);

    expect(parts).toEqual([
      { kind: 'text', text: 'Pay here: ' },
      {
        kind: 'link',
        text: 'http://localhost:5173/offers/Kp3x',
        href: 'http://localhost:5173/offers/Kp3x',
      },
      { kind: 'text', text: '\nor see ' },
      { kind: 'link', text: 'https://x.test/bookings/1', href: 'https://x.test/bookings/1' },
      { kind: 'text', text: ' soon' },
    ]);
    expect(parts.map((part) => part.text).join('')).toBe(text);
  });

  it('leaves out the punctuation of the sentence an address ends', () => {
    expect(links('Open https://x.test/offers/abc.')).toEqual(['https://x.test/offers/abc']);
    expect(links('(see https://x.test/a?b=1)')).toEqual(['https://x.test/a?b=1']);
    expect(links('<https://x.test/a>')).toEqual(['https://x.test/a']);
    expect(links('"https://x.test/a", then')).toEqual(['https://x.test/a']);
  });

  it('keeps brackets that belong to the address', () => {
    expect(links('https://x.test/wiki/A_(b) and')).toEqual(['https://x.test/wiki/A_(b)']);
  });

  it('makes links of web addresses only', () => {
    expect(links('javascript:alert(1) file:///etc/passwd mailto:a@x.test https://')).toEqual([]);
    expect(splitLinks('No links here.')).toEqual([{ kind: 'text', text: 'No links here.' }]);
    expect(splitLinks('')).toEqual([]);
  });
});
