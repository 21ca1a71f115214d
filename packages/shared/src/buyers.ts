/** The most tickets of one concert one buyer may buy, unless its organizer sets another. */
export const DEFAULT_MAX_TICKETS_PER_BUYER = 8;

/** Mail providers that ignore dots in an address's local part, by the domain they deliver to. */
const DOTLESS_DOMAINS = new Map([
  ['gmail.com', 'gmail.com'],
  ['googlemail.com', 'gmail.com'],
]);

/**
 * An email address in the form a per-buyer limit counts it by: one case, and without what
 * reaches the same mailbox under another spelling, so that one buyer cannot pass as many: a
 * "+tag" after the local part (sub-addressing, which most providers deliver to the untagged
 * address) and, at Gmail, dots in the local part.
 */
export function normalizeEmail(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  let local = address.slice(0, at);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS.get(domain);
  if (dotless === undefined) return `${local}@${domain}`;
  return `${local.replaceAll('.', '')}@${dotless}`;
}
