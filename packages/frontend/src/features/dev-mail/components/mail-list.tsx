import type { DevMail } from '@ticket-booking/shared';
import { Card } from '../../../components/card';
import { formatDateTime } from '../../../lib/format';
import { failureNote } from '../utils/failure-note';
import { MailStatusBadge } from './mail-status-badge';

function CalendarIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      className="size-3.5"
    >
      <rect x="2" y="3" width="12" height="11" rx="1.5" />
      <path d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3" strokeLinecap="round" />
    </svg>
  );
}

function MailListItem({
  mail,
  selected,
  onSelect,
}: {
  mail: DevMail;
  selected: boolean;
  onSelect: (id: number) => void;
}) {
  const failure = mail.status === 'SENT' ? null : failureNote(mail);
  // The spaces between the parts keep them apart in the button's accessible name.
  return (
    <li>
      <button
        type="button"
        aria-current={selected ? 'true' : undefined}
        onClick={() => {
          onSelect(mail.id);
        }}
        className={`block w-full px-4 py-3 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
          selected ? 'bg-indigo-50' : 'hover:bg-slate-50'
        }`}
      >
        <span className="flex items-baseline justify-between gap-3">
          <span className="min-w-0 truncate text-sm font-medium text-slate-900">{mail.to}</span>{' '}
          <time dateTime={mail.createdAt} className="shrink-0 text-xs text-slate-600 tabular-nums">
            {formatDateTime(Date.parse(mail.createdAt))}
          </time>
        </span>{' '}
        <span
          className={`mt-0.5 block truncate text-sm ${selected ? 'text-indigo-900' : 'text-slate-700'}`}
        >
          {mail.subject}
        </span>{' '}
        <span className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600">
          <MailStatusBadge status={mail.status} />{' '}
          {mail.calendar && (
            <span className="inline-flex items-center gap-1">
              <CalendarIcon />
              Invitation attached
            </span>
          )}
        </span>
        {failure && (
          <>
            {' '}
            <span className="mt-1.5 line-clamp-2 block text-xs break-words text-rose-700">
              {failure}
            </span>
          </>
        )}
      </button>
    </li>
  );
}

/** The outbox's messages as they came, newest first; choosing one shows it. */
export function MailList({
  messages,
  selectedId,
  onSelect,
  labelledBy,
}: {
  messages: DevMail[];
  selectedId: number;
  onSelect: (id: number) => void;
  labelledBy: string;
}) {
  return (
    <Card
      as="ul"
      aria-labelledby={labelledBy}
      className="divide-y divide-slate-200 overflow-hidden"
    >
      {messages.map((mail) => (
        <MailListItem
          key={mail.id}
          mail={mail}
          selected={mail.id === selectedId}
          onSelect={onSelect}
        />
      ))}
    </Card>
  );
}
