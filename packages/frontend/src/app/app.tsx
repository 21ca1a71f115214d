import { ConcertListResponseSchema, type Concert } from '@ticket-booking/shared';
import { useEffect, useState } from 'react';

/** A first page over the API: upcoming concerts with what is left in each tier. */
export function App() {
  const [concerts, setConcerts] = useState<Concert[]>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/concerts', { signal: controller.signal })
      .then((response) => response.json())
      .then((body: unknown) => {
        setConcerts(ConcertListResponseSchema.parse(body).concerts);
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => {
      controller.abort();
    };
  }, []);

  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">Upcoming concerts</h1>
      {failed && <p className="mt-6 text-red-700">The box office cannot be reached right now.</p>}
      {!concerts && !failed && <p className="mt-6 text-slate-600">Loading…</p>}
      <ul className="mt-6 space-y-4">
        {concerts?.map((concert) => (
          <li key={concert.id} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <p className="text-sm text-slate-600">
              {new Date(concert.startsAt).toLocaleString()} · {concert.venue}
            </p>
            <h2 className="text-xl font-semibold">
              {concert.artist} — {concert.name}
            </h2>
            <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {concert.tiers.map((tier) => (
                <li key={tier.code}>
                  {tier.name}: <span className="tabular-nums">{tier.available}</span> left
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </main>
  );
}
