import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface SeatMapRender {
  seats: number;
  /** From navigation to every seat drawn, on a phone-sized page. */
  firstRenderMs: number;
  /** From the `seat-changes` event's arrival to the frame that shows the seat held. */
  repaintMs: number;
  /** From another shopper's hold being answered to the frame that shows it. */
  onScreenMs: number;
}

/** The page's clock when its stream last brought seat changes: wrapped before the app loads. */
const RECORD_SEAT_EVENTS = `
  const listen = EventSource.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (type, listener, options) {
    if (type === 'seat-changes') {
      const inner = listener;
      listener = (event) => { window.__seatEventAt = Date.now(); return inner.call(this, event); };
    }
    return listen.call(this, type, listener, options);
  };
`;

/**
 * Opens a seated concert's page in Chromium at a phone's size (390 × 844, touch), waits for
 * every seat to be drawn, then has another shopper hold a seat and times it turning held.
 */
export async function seatMapRender(
  url: string,
  concertId: string,
  seats: number,
  seatToHold: { id: string; label: string },
): Promise<SeatMapRender> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      // The measuring scripts are evaluated as text, which the app's policy would refuse.
      bypassCSP: true,
    });
    const page = await phone.newPage();
    await page.addInitScript(RECORD_SEAT_EVENTS);
    await page.goto(`${url}/concerts/${concertId}`);
    await page.waitForFunction(
      `document.querySelectorAll('svg [role="checkbox"]').length >= ${seats}`,
      undefined,
      { timeout: 120_000 },
    );
    const firstRenderMs = await page.evaluate<number>(
      'new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))',
    );

    // Resolves in the page's frame after the seat turns held, with the clock's readings.
    const painted = page.evaluate<{ paintedAt: number; eventAt: number }>(`
      new Promise((resolve, reject) => {
        const seat = document.querySelector(${JSON.stringify(`[aria-label^="${seatToHold.label},"]`)});
        if (!seat) reject(new Error('no seat labelled ${seatToHold.label}'));
        const observer = new MutationObserver(() => {
          if (!/held/i.test(seat.getAttribute('aria-label') ?? '')) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            resolve({ paintedAt: Date.now(), eventAt: window.__seatEventAt ?? Date.now() });
          });
        });
        observer.observe(seat, { attributes: true, attributeFilter: ['aria-label'] });
      })
    `);
    const response = await fetch(`${url}/api/holds/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ concertId, items: [], seats: [seatToHold.id] }),
    });
    const answeredAt = Date.now();
    if (response.status !== 201) throw new Error(`the hold answered ${response.status}`);
    const { paintedAt, eventAt } = await painted;
    return {
      seats,
      firstRenderMs,
      repaintMs: paintedAt - eventAt,
      onScreenMs: paintedAt - answeredAt,
    };
  } finally {
    await browser.close();
  }
}
