import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TICKET_CODES } from '../../../test/fixtures';
import { createFrameDecoder, decodeQrImage } from './qr-decoder';

const CODE = TICKET_CODES[0];
/** Pixels per QR module in the pictures made here. */
const SCALE = 4;

/** A ticket's QR code as the RGBA pixels a canvas would give back, drawn as the page draws it. */
function qrPixels(text: string) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const margin = 4;
  const side = (modules.size + 2 * margin) * SCALE;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const row = Math.floor(y / SCALE) - margin;
      const column = Math.floor(x / SCALE) - margin;
      const inside = row >= 0 && column >= 0 && row < modules.size && column < modules.size;
      if (inside && modules.get(row, column)) {
        data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
  }
  return { data, width: side, height: side };
}

/** jsdom draws nothing: its canvas hands back `pixels` as what was drawn. */
function stubCanvas(pixels: ReturnType<typeof qrPixels>) {
  const drawImage = vi.fn();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
    drawImage,
    getImageData: () => pixels,
  } as unknown as CanvasRenderingContext2D);
  return { drawImage };
}

function stubBitmap(width: number, height: number) {
  const bitmap = { width, height, close: vi.fn() };
  vi.stubGlobal('createImageBitmap', vi.fn().mockResolvedValue(bitmap));
  return bitmap;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('reading a photo of a ticket without the browser’s own detector', () => {
  it('finds the code in the QR code the ticket page draws', async () => {
    const pixels = qrPixels(CODE);
    stubCanvas(pixels);
    const bitmap = stubBitmap(pixels.width, pixels.height);

    expect(await decodeQrImage(new Blob(['png']))).toBe(CODE);
    expect(bitmap.close).toHaveBeenCalled();
  });

  it('answers null for a picture with no QR code in it', async () => {
    stubCanvas({ data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 });
    stubBitmap(64, 64);

    expect(await decodeQrImage(new Blob(['png']))).toBeNull();
  });

  it('scales a large photo down before reading it', async () => {
    const { drawImage } = stubCanvas(qrPixels(CODE));
    stubBitmap(4_032, 3_024);

    await decodeQrImage(new Blob(['jpeg']));

    expect(drawImage).toHaveBeenCalledWith(expect.anything(), 0, 0, 1_024, 768);
  });
});

describe('with the browser’s own barcode detector', () => {
  const detect = vi.fn();

  beforeEach(() => {
    detect.mockReset();
    vi.stubGlobal(
      'BarcodeDetector',
      Object.assign(
        vi.fn(function BarcodeDetector(this: { detect: typeof detect }, options: unknown) {
          expect(options).toEqual({ formats: ['qr_code'] });
          this.detect = detect;
        }),
        { getSupportedFormats: () => Promise.resolve(['ean_13', 'qr_code']) },
      ),
    );
  });

  it('reads a photo with it, from the picture’s bitmap', async () => {
    const getContext = vi.spyOn(HTMLCanvasElement.prototype, 'getContext');
    const bitmap = stubBitmap(800, 600);
    detect.mockResolvedValue([{ rawValue: CODE }]);

    expect(await decodeQrImage(new Blob(['png']))).toBe(CODE);
    expect(detect).toHaveBeenCalledWith(bitmap);
    expect(getContext).not.toHaveBeenCalled();
  });

  it('reads a camera’s frame with it once the video has one', async () => {
    detect.mockResolvedValue([{ rawValue: CODE }]);
    const decode = await createFrameDecoder();
    const video = document.createElement('video');

    expect(await decode(video)).toBeNull();
    Object.defineProperty(video, 'readyState', { value: HTMLMediaElement.HAVE_ENOUGH_DATA });
    expect(await decode(video)).toBe(CODE);
    expect(detect).toHaveBeenCalledWith(video);
  });
});
