import type { StreamStatus } from '../hooks/use-availability-stream';

const looks: Record<StreamStatus, { text: string; dot: string; pill: string }> = {
  connecting: {
    text: 'Connecting…',
    dot: 'bg-slate-400',
    pill: 'bg-slate-100 text-slate-700 ring-slate-200',
  },
  live: {
    text: 'Live',
    dot: 'bg-emerald-500',
    pill: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  },
  reconnecting: {
    text: 'Reconnecting…',
    dot: 'bg-amber-500',
    pill: 'bg-amber-50 text-amber-900 ring-amber-200',
  },
};

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * Whether the counts on the page are live. The state is in words as well as colour; while
 * reconnecting it says how old the counts shown are.
 */
export function ConnectionIndicator({
  status,
  lastUpdated,
}: {
  status: StreamStatus;
  lastUpdated: Date | null;
}) {
  const look = looks[status];
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
      <p
        className={`inline-flex items-center gap-2 rounded-full px-3 py-1 font-medium ring-1 ring-inset ${look.pill}`}
      >
        <span aria-hidden="true" className={`size-2 rounded-full ${look.dot}`} />
        <span className="sr-only">Availability: </span>
        {look.text}
      </p>
      {status === 'reconnecting' && lastUpdated && (
        <p className="text-slate-600">
          Counts as of{' '}
          <time dateTime={lastUpdated.toISOString()} className="tabular-nums">
            {timeFormat.format(lastUpdated)}
          </time>
        </p>
      )}
    </div>
  );
}
