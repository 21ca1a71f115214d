import escapeHtml from 'escape-html';

/** A message's content, written once and rendered both as plain text and as HTML. */
export interface MailContent {
  /** The first line, as a heading. */
  heading: string;
  /** Paragraphs before the details. */
  intro: string[];
  /** Label and value rows: the order, the concert. */
  details?: [label: string, value: string][];
  /** The one thing to do next, as a button in HTML and a bare link in text. */
  action?: { label: string; url: string };
  /** Links each on a line of its own, under a heading: a booking's tickets. */
  links?: { heading: string; items: MailLink[] };
  /** Paragraphs after it. */
  outro?: string[];
}

/** A link, in HTML with a picture under it: a ticket's QR code, attached to the message. */
export interface MailLink {
  label: string;
  url: string;
  image?: { src: string; alt: string };
}

/** The plain-text version: what every client can show, and what is read aloud. */
function renderText(content: MailContent): string {
  const width = Math.max(0, ...(content.details ?? []).map(([label]) => label.length));
  return [
    content.heading,
    '',
    ...content.intro.flatMap((paragraph) => [paragraph, '']),
    ...(content.details
      ? [...content.details.map(([label, value]) => `${label.padEnd(width)}  ${value}`), '']
      : []),
    ...(content.action ? [`${content.action.label}:`, content.action.url, ''] : []),
    ...(content.links
      ? [
          `${content.links.heading}:`,
          ...content.links.items.map(({ label, url }) => `${label}: ${url}`),
          '',
        ]
      : []),
    ...(content.outro ?? []).flatMap((paragraph) => [paragraph, '']),
  ]
    .join('\n')
    .trimEnd();
}

/** A QR code's side in the HTML, in CSS pixels: big enough for a door's scanner off a phone. */
export const QR_SIZE = 240;

/** The HTML version: a single column with inline styles, as mail clients drop style sheets. */
function renderHtml(content: MailContent): string {
  const paragraph = (text: string) =>
    `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(text)}</p>`;
  const details = content.details
    ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${content.details
        .map(
          ([label, value]) =>
            `<tr><td style="padding:4px 16px 4px 0;color:#555">${escapeHtml(label)}</td>` +
            `<td style="padding:4px 0;font-weight:600">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const action = content.action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(content.action.url)}" ` +
      `style="display:inline-block;background:#4f46e5;color:#fff;padding:12px 20px;` +
      `border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(content.action.label)}</a></p>`
    : '';
  const links = content.links
    ? `<h2 style="font-size:16px;margin:0 0 8px">${escapeHtml(content.links.heading)}</h2>` +
      `<ul style="margin:0 0 16px;padding-left:20px">${content.links.items
        .map(
          ({ label, url, image }) =>
            `<li style="margin:0 0 4px"><a href="${escapeHtml(url)}" style="color:#4f46e5">` +
            `${escapeHtml(label)}</a>${
              image
                ? `<br><img src="${escapeHtml(image.src)}" alt="${escapeHtml(image.alt)}" ` +
                  `width="${QR_SIZE}" height="${QR_SIZE}" style="display:block;margin:8px 0 16px">`
                : ''
            }</li>`,
        )
        .join('')}</ul>`
    : '';
  return [
    '<!doctype html><html><body style="margin:0;padding:24px;background:#f4f4f5">',
    '<div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px;',
    'font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#18181b">',
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>`,
    ...content.intro.map(paragraph),
    details,
    action,
    links,
    ...(content.outro ?? []).map(paragraph),
    '</div></body></html>',
  ].join('');
}

/** The message's two versions. */
export function renderMail(content: MailContent): { body: string; html: string } {
  return { body: renderText(content), html: renderHtml(content) };
}

/** Made once per currency: making one costs more than a purchase's whole message. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount of money as buyers read it, e.g. `$120.00` or `€120.00`. */
export function formatMoney(cents: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format.format(cents / 100);
}
