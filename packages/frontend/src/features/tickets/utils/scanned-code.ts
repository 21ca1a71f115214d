/**
 * The ticket code in what a scanner read or someone typed: the code itself, or a link to the
 * ticket's page (a shared link, or a QR code made from one), taken down to its code.
 */
export function scannedCode(read: string): string {
  const text = read.trim();
  const inLink = /\/tickets\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/.exec(text);
  return inLink?.[1] ?? text;
}
