import type { MailStatus } from '@ticket-booking/shared';

const LABELS: Record<MailStatus, string> = {
  PENDING: 'Queued',
  SENT: 'Sent',
  FAILED: 'Failed',
};

const TONES: Record<MailStatus, string> = {
  PENDING: 'bg-amber-50 text-amber-800 ring-amber-200',
  SENT: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  FAILED: 'bg-rose-50 text-rose-700 ring-rose-200',
};

/** Where a message stands: Sent, Queued (also while it is being retried) or Failed. */
export function MailStatusBadge({ status }: { status: MailStatus }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}
    >
      {LABELS[status]}
    </span>
  );
}
