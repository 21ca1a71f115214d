import { useCallback, useEffect, useRef, useState } from 'react';
import { createFrameDecoder } from '../utils/qr-decoder';
import { createRepeatGuard } from '../utils/repeat-guard';

/** How often a frame is read: quick enough to feel instant, light enough for an old phone. */
export const FRAME_INTERVAL_MS = 200;

export type CameraState =
  | { status: 'off' }
  | { status: 'starting' }
  | { status: 'on' }
  | { status: 'failed'; message: string };

function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was refused. Allow the camera for this site in the browser’s settings, or type or photograph the codes.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found on this device.';
    case 'NotReadableError':
      return 'The camera is in use by another app. Close it and try again.';
    default:
      return 'The camera could not be started. Try again, or type the codes.';
  }
}

/**
 * Reads QR codes from the device's camera (the back one on a phone) into `onCode`, each code
 * once until it has been out of view for a few seconds. Attach `videoRef` to a muted <video>
 * that stays mounted; the camera is released on `stop` and when the component goes.
 */
export function useCameraScanner(onCode: (text: string) => void) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>({ status: 'off' });
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);
  // Each start is a run; stopping (or leaving) ends it, and a run that was ended stops itself
  // at its next step, also while the browser was still asking for the camera.
  const run = useRef(0);
  const release = useRef<(() => void) | null>(null);

  const end = useCallback(() => {
    run.current += 1;
    release.current?.();
    release.current = null;
  }, []);

  const stop = useCallback(() => {
    end();
    setState({ status: 'off' });
  }, [end]);

  const start = useCallback(async () => {
    end();
    const mine = run.current;
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.getUserMedia) {
      setState({
        status: 'failed',
        message:
          'This browser gives this page no camera (it needs a secure https:// address). Type or photograph the codes instead.',
      });
      return;
    }
    setState({ status: 'starting' });
    let stream: MediaStream;
    try {
      stream = await media.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      });
    } catch (error) {
      if (run.current === mine) setState({ status: 'failed', message: cameraProblem(error) });
      return;
    }
    const video = videoRef.current;
    if (run.current !== mine || !video) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    release.current = () => {
      clearTimeout(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    };
    video.srcObject = stream;
    // Muted video may play without a gesture; if it is refused, frames still arrive to read.
    await video.play().catch(() => undefined);
    const decode = await createFrameDecoder();
    if (run.current !== mine) return;
    setState({ status: 'on' });

    const isRepeat = createRepeatGuard();
    const readFrame = async (): Promise<void> => {
      const text = await decode(video).catch(() => null);
      if (run.current !== mine) return;
      if (text !== null && !isRepeat(text)) onCodeRef.current(text);
      timer = setTimeout(() => void readFrame(), FRAME_INTERVAL_MS);
    };
    void readFrame();
  }, [end]);

  useEffect(() => end, [end]);

  return { videoRef, state, start, stop };
}
