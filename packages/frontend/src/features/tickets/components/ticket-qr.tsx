import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The code as an SVG data URL. An <img> of it passes the Content-Security-Policy (`img-src
 * data:`), where SVG markup in the page would need inline styles and a canvas a script's pixels.
 */
async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, {
    type: 'svg',
    // Medium error correction survives a scratched phone screen without growing the code much.
    errorCorrectionLevel: 'M',
    // The four-module quiet zone the standard asks for: scanners find the code by it.
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A ticket's code as a QR code, big enough to scan off a phone at arm's length. */
export function TicketQr({ code, label }: { code: string; label: string }) {
  const [drawn, setDrawn] = useState<{ code: string; url: string } | null>(null);

  useEffect(() => {
    let current = true;
    void qrDataUrl(code).then((url) => {
      if (current) setDrawn({ code, url });
    });
    return () => {
      current = false;
    };
  }, [code]);

  // Square and white while it is drawn, so nothing moves when it appears.
  const frame = 'block size-64 rounded-xl bg-white sm:size-72';
  if (drawn?.code !== code) return <div aria-hidden="true" className={frame} />;
  return (
    <img
      src={drawn.url}
      alt={label}
      width={288}
      height={288}
      className={`${frame} [image-rendering:pixelated]`}
    />
  );
}
