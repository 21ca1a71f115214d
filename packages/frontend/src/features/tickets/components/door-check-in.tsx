import { useCallback, useId, useRef, useState, type ChangeEvent, type SyntheticEvent } from 'react';
import { Alert } from '../../../components/alert';
import { Button, buttonClasses } from '../../../components/button';
import { Card } from '../../../components/card';
import { Field, inputClasses } from '../../../components/field';
import { formatCount, formatTime } from '../../../lib/format';
import type { DoorKey } from '../api/door-keys';
import { useCameraScanner } from '../hooks/use-camera-scanner';
import { useDoorCheckIn, type Scan, type ScanSource } from '../hooks/use-door-check-in';
import { useDoorName } from '../hooks/use-door-name';
import type { OfflineConflict } from '../hooks/use-offline-door';
import { decodeQrImage } from '../utils/qr-decoder';
import { ticketNumberText } from '../utils/ticket-text';
import { CheckInResult, verdictOf } from './check-in-result';

const EMPTY_CODE = 'Scan a ticket, or type its code.';

/** The last few scans, so a door can look back at who it just let in. */
function RecentScans({ scans }: { scans: Scan[] }) {
  const headingId = useId();
  if (scans.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="text-sm font-semibold text-slate-700">
        Recent scans
      </h2>
      <Card as="ul" className="mt-2 divide-y divide-slate-200 text-sm">
        {scans.map((scan) => {
          const verdict = verdictOf(scan.result);
          return (
            <li key={scan.id} className="flex flex-wrap items-baseline gap-x-3 px-4 py-2">
              <span className="text-slate-500 tabular-nums">{formatTime(scan.at)}</span>
              <span className="font-semibold">{verdict.headline}</span>
              {verdict.detail && <span className="text-slate-600">{verdict.detail}</span>}
              <span className="ml-auto font-mono text-xs text-slate-500" title={scan.code}>
                …{scan.code.slice(-6)}
              </span>
            </li>
          );
        })}
      </Card>
    </section>
  );
}

/** Whether this door can go on without the network, and what it has let in meanwhile. */
function OfflineStatus({
  offline,
  waiting,
  keys,
}: {
  offline: boolean;
  waiting: number;
  keys: DoorKey[];
}) {
  if (offline || waiting > 0) {
    return (
      <p
        aria-live="polite"
        className="rounded-xl bg-amber-100 px-4 py-3 font-medium text-amber-950 ring-1 ring-amber-300 ring-inset"
      >
        {!offline
          ? `Recording ${formatCount(waiting, 'ticket', 'tickets')} let in while offline…`
          : keys.length === 0
            ? 'Offline — this device has no keys to check tickets with: scan again once the connection is back'
            : `Offline — checking tickets on this device; ${waiting} waiting to be recorded`}
      </p>
    );
  }
  if (keys.length === 0) return null;
  return (
    <p className="text-sm text-slate-600">
      If the connection drops, this device can still check tickets for{' '}
      {keys.map((key) => key.name).join(', ')}.
    </p>
  );
}

/** Tickets let in offline that the server had let in already, or refused, once it heard of them. */
function OfflineConflicts({
  conflicts,
  onDismiss,
}: {
  conflicts: OfflineConflict[];
  onDismiss: () => void;
}) {
  const headingId = useId();
  if (conflicts.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h2 id={headingId} className="text-lg font-semibold text-rose-800">
        Checked in elsewhere while this door was offline
      </h2>
      <p className="text-sm text-slate-600">
        These tickets were let in here while offline, but the server refused them once it heard:
        follow up with their holders.
      </p>
      <Card as="ul" className="divide-y divide-slate-200 text-sm">
        {conflicts.map((conflict) => {
          const verdict = conflict.outcome
            ? verdictOf({ state: 'done', outcome: conflict.outcome })
            : null;
          const ticket = `${conflict.concertName} · ${ticketNumberText(conflict.number)}`;
          return (
            <li key={conflict.code} className="space-y-0.5 px-4 py-3">
              <p className="font-semibold">
                {verdict?.detail ? `${verdict.detail} — ${ticket}` : ticket}
              </p>
              {verdict && <p>{verdict.headline}</p>}
              {conflict.message && <p className="text-slate-600">{conflict.message}</p>}
              <p className="text-slate-600">
                Let in here at {formatTime(conflict.at)}{' '}
                <span className="font-mono text-xs" title={conflict.code}>
                  …{conflict.code.slice(-6)}
                </span>
              </p>
            </li>
          );
        })}
      </Card>
      <Button variant="secondary" onClick={onDismiss}>
        Clear this list
      </Button>
    </section>
  );
}

function CameraScanner({ onCode }: { onCode: (text: string) => void }) {
  const { videoRef, state, start, stop } = useCameraScanner(onCode);
  const { status } = state;
  const live = status === 'on' || status === 'starting';
  return (
    <div>
      <div className="flex flex-wrap items-center gap-3">
        {live ? (
          <Button variant="secondary" onClick={stop}>
            Stop camera
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => void start()}>
            Scan with camera
          </Button>
        )}
        <span className="text-sm text-slate-600" aria-live="polite">
          {status === 'starting' && 'Starting the camera…'}
          {status === 'on' && 'Hold a ticket’s QR code up to the camera.'}
        </span>
      </div>
      {state.status === 'failed' && (
        <div className="mt-3">
          <Alert tone="warning">{state.message}</Alert>
        </div>
      )}
      {/* Always mounted, so the stream has somewhere to go as soon as the camera opens. */}
      <video
        ref={videoRef}
        hidden={!live}
        muted
        playsInline
        aria-label="Camera view"
        className="mt-3 aspect-video max-h-72 w-full rounded-xl bg-black object-cover"
      />
    </div>
  );
}

function PhotoScanner({ onCode }: { onCode: (text: string) => void }) {
  const id = useId();
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function read(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared, so that choosing the same picture again reads it again.
    input.value = '';
    if (!file) return;
    setProblem(null);
    setReading(true);
    let text: string | null = null;
    try {
      text = await decodeQrImage(file);
      if (text === null) {
        setProblem('No QR code was found in that picture. Try a sharper one, or type the code.');
      }
    } catch {
      setProblem('That file could not be read as a picture.');
    } finally {
      setReading(false);
    }
    if (text !== null) onCode(text);
  }

  return (
    <div>
      {/* The input itself, visually hidden but focusable; its label looks like a button. */}
      <input
        id={id}
        type="file"
        accept="image/*"
        className="peer sr-only"
        onChange={(event) => void read(event)}
      />
      <label
        htmlFor={id}
        className={buttonClasses(
          'secondary',
          'cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600',
        )}
      >
        {reading ? 'Reading the picture…' : 'Scan a photo of a ticket'}
      </label>
      {problem && (
        <div className="mt-3">
          <Alert tone="warning">{problem}</Alert>
        </div>
      )}
    </div>
  );
}

/**
 * A door: each ticket scanned (by camera, a scanner gun typing into the code field,
 * a photo) or typed is checked in at once, and the answer shown big in green, amber or red and
 * read out. The code field has the focus again after each one, ready for the next.
 */
export function DoorCheckIn({
  token,
  onUnauthorized,
}: {
  token: string;
  onUnauthorized: () => void;
}) {
  const codeId = useId();
  const [door, setDoor] = useDoorName();
  const { scans, latest, submit, offlineDoor } = useDoorCheckIn({ token, door, onUnauthorized });
  const [code, setCode] = useState('');
  const [emptyTried, setEmptyTried] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const checkIn = useCallback(
    (text: string, source: ScanSource) => {
      submit(text, source);
      setCode('');
      setEmptyTried(false);
      codeRef.current?.focus();
    },
    [submit],
  );
  const fromCamera = useCallback(
    (text: string) => {
      checkIn(text, 'camera');
    },
    [checkIn],
  );
  const fromPhoto = useCallback(
    (text: string) => {
      checkIn(text, 'photo');
    },
    [checkIn],
  );

  function typed(event: SyntheticEvent) {
    event.preventDefault();
    if (code.trim() === '') {
      setEmptyTried(true);
      codeRef.current?.focus();
      return;
    }
    checkIn(code, 'typed');
  }

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Door check-in</h1>
        <p className="mt-2 text-slate-600">
          Scan each ticket’s QR code or type its code: it is checked in at once, and the answer
          shows here in green, amber or red.
        </p>
      </header>

      <OfflineStatus
        offline={offlineDoor.offline}
        waiting={offlineDoor.queue.length}
        keys={offlineDoor.keys}
      />

      <OfflineConflicts
        conflicts={offlineDoor.conflicts}
        onDismiss={offlineDoor.dismissConflicts}
      />

      <Field
        label="Door"
        hint="Named on each ticket let in here, e.g. Door 2 or Main gate. Kept in this tab."
        value={door}
        maxLength={40}
        autoComplete="off"
        onChange={(event) => {
          setDoor(event.target.value);
        }}
        className="max-w-xs"
      />

      <form noValidate onSubmit={typed}>
        <label htmlFor={codeId} className="block text-sm font-medium text-slate-900">
          Ticket code
        </label>
        <div className="flex flex-wrap items-start gap-3">
          <input
            ref={codeRef}
            id={codeId}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
            }}
            // A scanner gun types into whatever has the focus; this page is for nothing else.
            autoFocus
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            aria-invalid={emptyTried ? true : undefined}
            aria-describedby={emptyTried ? `${codeId}-error` : undefined}
            className={`${inputClasses(emptyTried)} min-w-0 flex-1 font-mono`}
          />
          {/* Never disabled: a disabled button would stop Enter from submitting the next scan. */}
          <Button type="submit" className="mt-1.5">
            Check in
          </Button>
        </div>
        <p id={`${codeId}-error`} className="mt-1 min-h-5 text-sm text-rose-700">
          {emptyTried && EMPTY_CODE}
        </p>
      </form>

      <div role="status" aria-live="assertive" aria-atomic="true">
        {latest ? (
          // Keyed by scan, so the same answer twice in a row is read out twice.
          <CheckInResult key={latest.id} scan={latest} />
        ) : (
          <p className="rounded-2xl border-2 border-dashed border-slate-300 px-6 py-8 text-center text-lg text-slate-600">
            Ready for the first ticket.
          </p>
        )}
      </div>

      <section className="space-y-4">
        <CameraScanner onCode={fromCamera} />
        <PhotoScanner onCode={fromPhoto} />
      </section>

      <RecentScans scans={scans} />
    </div>
  );
}
