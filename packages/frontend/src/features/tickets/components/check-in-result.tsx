import type { Ticket } from '@ticket-booking/shared';
import { formatTime, formatVenueTimeOfDay } from '../../../lib/format';
import type { CheckInOutcome } from '../api/tickets';
import type { Scan } from '../hooks/use-door-check-in';
import type { OfflineVerdict } from '../hooks/use-offline-door';
import { atDoor, ticketNumberText } from '../utils/ticket-text';

type Tone = 'go' | 'wait' | 'stop' | 'neutral';

const TONES: Record<Tone, string> = {
  go: 'bg-emerald-700 text-white',
  wait: 'bg-amber-400 text-amber-950',
  stop: 'bg-rose-700 text-white',
  neutral: 'bg-slate-100 text-slate-900 ring-1 ring-slate-300 ring-inset',
};

const SYMBOLS: Record<Tone, string> = { go: '✓', wait: '!', stop: '✕', neutral: '…' };

export interface Verdict {
  tone: Tone;
  headline: string;
  detail: string;
  /** What else the door should know, in smaller print. */
  note?: string;
}

function holderOf(ticket: Ticket | undefined): string {
  return ticket ? `${ticket.holder} · ${ticket.tierName}` : '';
}

/** When a ticket was let in: at the venue's time if its ticket said where, else this browser's. */
function checkedInTime(checkedInAt: string, ticket: Ticket | undefined): string {
  return ticket
    ? formatVenueTimeOfDay(checkedInAt, ticket.timeZone)
    : formatTime(Date.parse(checkedInAt));
}

function verdictOfOutcome(outcome: CheckInOutcome): Verdict {
  switch (outcome.kind) {
    case 'valid':
      return { tone: 'go', headline: 'Valid — let in', detail: holderOf(outcome.ticket) };
    case 'already': {
      const when =
        outcome.checkedInAt === null
          ? ''
          : ` at ${checkedInTime(outcome.checkedInAt, outcome.ticket)}`;
      return {
        tone: 'wait',
        headline: `Already checked in${when}${atDoor(outcome.door)}`,
        detail: holderOf(outcome.ticket),
      };
    }
    case 'cancelled':
      return {
        tone: 'stop',
        headline: 'Cancelled ticket',
        detail: [holderOf(outcome.ticket), 'Its booking was cancelled: do not let in.']
          .filter(Boolean)
          .join(' — '),
      };
    case 'invalid':
      return {
        tone: 'stop',
        headline: 'Not a valid ticket',
        detail: 'This code is not one of our tickets: do not let in.',
      };
  }
}

function verdictOfOffline(verdict: OfflineVerdict): Verdict {
  switch (verdict.kind) {
    case 'valid':
      return {
        tone: 'go',
        headline: 'Valid — let in (offline)',
        detail: `${verdict.concertName} · ${ticketNumberText(verdict.number)}`,
        note: 'Recorded when the connection is back.',
      };
    case 'already':
      return {
        tone: 'wait',
        headline: 'Already scanned at this door',
        detail: `${verdict.concertName} · ${ticketNumberText(verdict.number)}`,
      };
    case 'unsigned':
      return {
        tone: 'stop',
        headline: 'Not a valid ticket for today’s concerts',
        detail: 'Do not let in.',
        ...(verdict.wellFormed
          ? {
              note: 'Offline, this door cannot check older tickets: scan it again once the connection is back.',
            }
          : {}),
      };
  }
}

/** The words and colour a door reads a scan by. */
export function verdictOf(result: Scan['result']): Verdict {
  switch (result.state) {
    case 'checking':
      return { tone: 'neutral', headline: 'Checking…', detail: '' };
    case 'failed':
      return {
        tone: 'neutral',
        headline: 'Not checked — scan again',
        detail: result.message,
      };
    case 'done':
      return verdictOfOutcome(result.outcome);
    case 'offline':
      return verdictOfOffline(result.verdict);
  }
}

/** The newest scan's verdict, big enough to read at arm's length in a dark doorway. */
export function CheckInResult({ scan }: { scan: Scan }) {
  const verdict = verdictOf(scan.result);
  return (
    <div
      className={`rounded-2xl px-6 py-6 ${TONES[verdict.tone]}`}
      data-tone={verdict.tone}
      data-testid="check-in-result"
    >
      <p className="flex items-start gap-3 text-3xl leading-tight font-extrabold sm:text-4xl">
        <span aria-hidden="true">{SYMBOLS[verdict.tone]}</span>
        <span>{verdict.headline}</span>
      </p>
      {verdict.detail && <p className="mt-2 text-lg font-medium">{verdict.detail}</p>}
      {verdict.note && <p className="mt-1 text-base">{verdict.note}</p>}
    </div>
  );
}
