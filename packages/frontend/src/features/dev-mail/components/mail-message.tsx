import type { DevMail } from '@ticket-booking/shared';
import { useId, type ReactNode } from 'react';
import { Card } from '../../../components/card';
import { formatDateTime } from '../../../lib/format';
import { failureNote } from '../utils/failure-note';
import { splitLinks } from '../utils/text-links';
import { MailStatusBadge } from './mail-status-badge';

export type MailFormat = 'html' | 'text';

function Moment({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(Date.parse(iso))}</time>;
}

function sentAt(mail: DevMail): ReactNode {
  if (mail.sentAt !== null) return <Moment iso={mail.sentAt} />;
  return mail.status === 'FAILED' ? 'Never' : 'Not yet';
}

/** The plain-text version, its web addresses made links to follow (an offer's, a booking's). */
function PlainText({ text }: { text: string }) {
  return (
    <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-50 p-4 font-mono text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-900 ring-1 ring-slate-200 ring-inset">
      {splitLinks(text).map((part, index) =>
        part.kind === 'link' ? (
          <a
            // The parts of a message never move, so their places are stable keys.
            key={index}
            href={part.href}
            className="break-all text-indigo-700 underline underline-offset-2 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </pre>
  );
}

function FormatToggle({
  format,
  onChange,
}: {
  format: MailFormat;
  onChange: (format: MailFormat) => void;
}) {
  const option = (value: MailFormat, label: string) => (
    <button
      type="button"
      aria-pressed={format === value}
      onClick={() => {
        onChange(value);
      }}
      className={`min-h-9 rounded-md px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${
        format === value
          ? 'bg-indigo-600 text-white shadow-sm'
          : 'text-slate-700 hover:bg-slate-100'
      }`}
    >
      {label}
    </button>
  );
  return (
    <div
      role="group"
      aria-label="Show the message as"
      className="inline-flex gap-0.5 rounded-lg bg-white p-0.5 ring-1 ring-slate-300 ring-inset"
    >
      {option('html', 'HTML')}
      {option('text', 'Plain text')}
    </div>
  );
}

/**
 * One message as it would reach its reader: its HTML in a frame with every permission withheld
 * (`sandbox=""`: no scripts, no forms, no navigating the page), or its plain text.
 */
export function MailMessage({
  mail,
  format,
  onFormatChange,
}: {
  mail: DevMail;
  format: MailFormat;
  onFormatChange: (format: MailFormat) => void;
}) {
  const headingId = useId();
  const showHtml = format === 'html' && mail.html !== null;
  const failure = failureNote(mail);

  return (
    <Card as="section" aria-labelledby={headingId} className="p-5 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id={headingId} className="min-w-0 text-xl font-semibold break-words text-slate-900">
          {mail.subject}
        </h2>
        <MailStatusBadge status={mail.status} />
      </div>
      <dl className="mt-4 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">To</dt>
        <dd className="break-words">{mail.to}</dd>
        <dt className="text-slate-500">Queued</dt>
        <dd>
          <Moment iso={mail.createdAt} />
        </dd>
        <dt className="text-slate-500">Sent</dt>
        <dd>{sentAt(mail)}</dd>
        <dt className="text-slate-500">Attempts</dt>
        <dd className="tabular-nums">{mail.attempts}</dd>
        <dt className="text-slate-500">Attached</dt>
        <dd>{mail.calendar ? 'Calendar invitation (.ics)' : 'Nothing'}</dd>
      </dl>
      {failure && (
        <p className="mt-4 rounded-lg bg-rose-50 p-3 text-sm break-words text-rose-900 ring-1 ring-rose-200 ring-inset">
          {failure}
        </p>
      )}
      <div className="mt-5 border-t border-slate-200 pt-4">
        {mail.html === null ? (
          <p className="text-sm text-slate-600">
            This message has no HTML version: plain text only.
          </p>
        ) : (
          <FormatToggle format={format} onChange={onFormatChange} />
        )}
        {!showHtml ? (
          <PlainText text={mail.text} />
        ) : (
          <>
            <iframe
              sandbox=""
              // A document of its own: its inline styles apply there, as in a mail client.
              src={`/api/dev/mail/${mail.id}/html`}
              title={`HTML version of “${mail.subject}”`}
              className="mt-3 h-[36rem] w-full rounded-lg bg-white ring-1 ring-slate-200"
            />
            <p className="mt-2 text-xs text-slate-500">
              Its links do not open from this frame: switch to plain text to follow them.
            </p>
          </>
        )}
      </div>
    </Card>
  );
}
