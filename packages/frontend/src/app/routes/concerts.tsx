import { useState } from 'react';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Spinner } from '../../components/spinner';
import { useConcerts } from '../../features/concerts/api/concerts';
import { ConcertCard } from '../../features/concerts/components/concert-card';
import { messageOf } from '../../lib/api-client';
import { usePageTitle } from '../page-title';

/**
 * How often the list asks again. Polling, not one SSE stream per concert: a list of twenty
 * concerts would otherwise hold twenty connections open for badges that need not be to the second.
 */
export const CONCERT_LIST_REFRESH_MS = 10_000;

/**
 * The query's error, kept while it is fetched again until a list arrives. With no list to show,
 * each refresh (and its retries) puts the query back to pending and clears its error, which
 * would swap the error for the spinner and back every time.
 */
function useLastError(query: { error: Error | null; data: unknown }): Error | null {
  const [last, setLast] = useState<Error | null>(null);
  if (query.error && query.error !== last) setLast(query.error);
  if (query.data !== undefined && last) setLast(null);
  return query.error ?? (query.data === undefined ? last : null);
}

export function ConcertsRoute() {
  const concerts = useConcerts({ refetchInterval: CONCERT_LIST_REFRESH_MS });
  usePageTitle('Upcoming concerts');
  const error = useLastError(concerts);
  // Only a retry the shopper asked for shows as busy: the background ones would make it flicker.
  const [retrying, setRetrying] = useState(false);

  let content;
  if (concerts.data) {
    content =
      concerts.data.length === 0 ? (
        <Card className="px-6 py-12 text-center">
          <p className="font-semibold text-slate-900">No concerts on sale right now</p>
          <p className="mt-1 text-sm text-slate-600">New shows are added often. Check back soon.</p>
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {concerts.data.map((concert) => (
            <li key={concert.id}>
              <ConcertCard concert={concert} />
            </li>
          ))}
        </ul>
      );
  } else if (error) {
    content = (
      <Alert
        tone="error"
        title="We could not load the concerts"
        action={
          <Button
            variant="secondary"
            aria-busy={retrying}
            onClick={() => {
              setRetrying(true);
              void concerts.refetch().finally(() => {
                setRetrying(false);
              });
            }}
          >
            {retrying ? 'Trying again…' : 'Try again'}
          </Button>
        }
      >
        {messageOf(error)}
      </Alert>
    );
  } else {
    content = <Spinner label="Loading concerts…" />;
  }

  return (
    <>
      <div className="mb-6 sm:mb-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Upcoming concerts</h1>
        <p className="mt-2 text-slate-600">
          Pick a show to see what is left in each tier. Counts update as tickets sell.
        </p>
      </div>
      {content}
    </>
  );
}
