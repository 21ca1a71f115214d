/** A run of a plain-text message: words as they are, or a web address to make a link of. */
export type TextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Web addresses only: a message's `javascript:` or `file:` text stays text. */
const ADDRESS = /\bhttps?:\/\/[^\s<>"]+/gi;

/** What ends a sentence after an address rather than belongs to it. */
const SENTENCE_END = new Set(['.', ',', ';', ':', '!', '?', "'", '*']);

const CLOSERS: Record<string, string> = { ')': '(', ']': '[' };

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/**
 * The address without what follows it in the sentence: `https://x.test/a.` ends before the dot,
 * and `(see https://x.test/a)` before the bracket, while `https://x.test/wiki/A_(b)` keeps its own.
 */
function trimAddress(candidate: string): string {
  let address = candidate;
  for (;;) {
    const last = address.at(-1) ?? '';
    const opener = CLOSERS[last];
    const unmatched = opener !== undefined && count(address, last) > count(address, opener);
    if (!SENTENCE_END.has(last) && !unmatched) return address;
    address = address.slice(0, -1);
  }
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `text` cut into its words and its web addresses, in order; joined, the parts are `text`. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = trimAddress(match[0]);
    if (!isWebAddress(address)) continue;
    if (match.index > from) parts.push({ kind: 'text', text: text.slice(from, match.index) });
    parts.push({ kind: 'link', text: address, href: address });
    from = match.index + address.length;
  }
  if (from < text.length) parts.push({ kind: 'text', text: text.slice(from) });
  return parts;
}
