/** The browser's Barcode Detection API, where there is one (Chrome, Edge, Android); not in TS's DOM types. */
interface BarcodeDetectorInstance {
  detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
}

/** Pictures are scaled down to this many pixels on their longer side: jsQR's time grows with the area. */
const MAX_SIDE = 1_024;

/** The browser's own QR reader, or null where it has none that reads QR codes. */
async function nativeDetector(): Promise<BarcodeDetectorInstance | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const formats = await Detector.getSupportedFormats();
    return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

type Drawable = ImageBitmap | HTMLVideoElement;

/**
 * jsQR over the pixels of `source`, drawn on a canvas of our own at most MAX_SIDE wide. A photo is
 * also tried in negative (light code on dark, as some phones' dark mode shows it); a camera's
 * next frame comes too soon for twice the work.
 */
async function pixelReader(inversion: 'attemptBoth' | 'dontInvert') {
  // Fetched only where the browser has no detector of its own: it is most of the door's code.
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  // Read back on every frame: the hint keeps the pixels in memory the CPU can reach.
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return function read(source: Drawable, width: number, height: number): string | null {
    if (!context || width === 0 || height === 0) return null;
    const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return (
      jsQR(image.data, image.width, image.height, { inversionAttempts: inversion })?.data ?? null
    );
  };
}

/** The first QR code's text the detector sees in `source`, or null. */
async function detectWith(
  detector: BarcodeDetectorInstance,
  source: ImageBitmapSource,
): Promise<string | null> {
  const [first] = await detector.detect(source);
  return first?.rawValue ?? null;
}

/**
 * Reads the QR code in a picture (a photo of a ticket, a screenshot), or null when it shows none.
 * Decoded from an ImageBitmap: an <img> of a `blob:` URL would be refused by `img-src`.
 */
export async function decodeQrImage(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    const detector = await nativeDetector();
    if (detector) return await detectWith(detector, bitmap);
    return (await pixelReader('attemptBoth'))(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** Reads the QR code in a video's current frame, or null when there is none (or no frame yet). */
export type FrameDecoder = (video: HTMLVideoElement) => Promise<string | null>;

/** A decoder for a camera's frames: the browser's own where it has one, else jsQR. */
export async function createFrameDecoder(): Promise<FrameDecoder> {
  const detector = await nativeDetector();
  const read = detector ? null : await pixelReader('dontInvert');
  return async (video) => {
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return null;
    if (detector) return detectWith(detector, video);
    return read ? read(video, video.videoWidth, video.videoHeight) : null;
  };
}
