import type {
  OrganizerWaitingList,
  OrganizerWaitingListEntry,
  WaitingListStatus,
} from '@ticket-booking/shared';
import { Alert } from '../../../components/alert';
import { Card } from '../../../components/card';
import { messageOf } from '../../../lib/api-client';
import { formatCount, formatVenueTime } from '../../../lib/format';

const STATUS_LABELS: Record<WaitingListStatus, string> = {
  WAITING: 'Waiting',
  OFFERED: 'Offered',
  BOUGHT: 'Bought',
  LAPSED: 'Offer ended',
  LEFT: 'Left',
};

function summaryOf(entries: readonly OrganizerWaitingListEntry[]): string {
  const count = (status: WaitingListStatus) =>
    entries.filter((entry) => entry.status === status).length;
  return `${formatCount(count('WAITING'), 'shopper', 'shoppers')} waiting, ${count('OFFERED').toLocaleString()} holding an offer.`;
}

/**
 * Who waits for the concert's tickets, tier by tier in the order they are served, and where
 * each entry stands. `list` is fetched by the sales view, again whenever its figures are.
 */
export function OrganizerWaitingListSection({
  list,
  error,
  tierNames,
  timeZone,
}: {
  list: OrganizerWaitingList | undefined;
  error: Error | null;
  /** Each tier's name by its code. */
  tierNames: ReadonlyMap<string, string>;
  /** The venue's zone, in which the times are told. */
  timeZone: string;
}) {
  const time = (iso: string | undefined) => (iso ? formatVenueTime(iso, timeZone) : '—');
  return (
    <section aria-labelledby="waiting-list-heading">
      <h2 id="waiting-list-heading" className="text-xl font-semibold">
        Waiting list
      </h2>
      {list ? (
        <>
          <p className="mt-1 text-sm text-slate-600">
            {summaryOf(list.entries)} Tickets that come back are held for the first in line whose
            quantity fits, for {list.offerMinutes} minutes.
          </p>
          {list.entries.length === 0 ? (
            <p className="mt-3 text-sm text-slate-700">No one is on the waiting list.</p>
          ) : (
            <Card className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Waiting list entries, in the order served</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Tier
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Tickets
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Email
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Joined
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Offer ends
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {list.entries.map((entry) => (
                    <tr key={`${entry.tier}-${entry.email}-${entry.joinedAt}`}>
                      <td className="px-4 py-2">{tierNames.get(entry.tier) ?? entry.tier}</td>
                      <td className="px-4 py-2 text-right tabular-nums">{entry.quantity}</td>
                      <td className="px-4 py-2 break-all">{entry.email}</td>
                      <td className="px-4 py-2">{STATUS_LABELS[entry.status]}</td>
                      <td className="px-4 py-2 whitespace-nowrap">{time(entry.joinedAt)}</td>
                      <td className="px-4 py-2 whitespace-nowrap">{time(entry.offerExpiresAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          )}
        </>
      ) : error ? (
        <div className="mt-3">
          <Alert tone="error" title="We could not load the waiting list">
            {messageOf(error)}
          </Alert>
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600">Loading the waiting list…</p>
      )}
    </section>
  );
}
