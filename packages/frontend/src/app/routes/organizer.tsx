import type { Concert } from '@ticket-booking/shared';
import { useId } from 'react';
import {
  Link,
  NavLink,
  Outlet,
  useNavigate,
  useOutletContext,
  useParams,
  type RouteObject,
} from 'react-router';
import { Alert } from '../../components/alert';
import { Button, ButtonLink } from '../../components/button';
import { Card } from '../../components/card';
import { inputClasses } from '../../components/field';
import { Spinner } from '../../components/spinner';
import { useOrganizerConcerts } from '../../features/organizer/api/organizer';
import { ConcertSalesView } from '../../features/organizer/components/concert-sales';
import { CreateConcertForm } from '../../features/organizer/components/create-concert-form';
import { TokenPrompt } from '../../features/organizer/components/token-prompt';
import { useOrganizerToken } from '../../features/organizer/hooks/use-organizer-token';
import { DoorCheckIn } from '../../features/tickets/components/door-check-in';
import { messageOf } from '../../lib/api-client';
import { formatConcertDate } from '../../lib/format';
import { usePageTitle } from '../page-title';

interface Organizer {
  token: string;
  signOut: () => void;
}

function useOrganizer(): Organizer {
  return useOutletContext<Organizer>();
}

function salesUrl(concertId: string): string {
  return `/organizer/concerts/${encodeURIComponent(concertId)}`;
}

function OrganizerSignIn({ onSignIn }: { onSignIn: (token: string) => void }) {
  usePageTitle('Organizer sign-in');
  return <TokenPrompt onSignIn={onSignIn} />;
}

function organizerNavClass({ isActive }: { isActive: boolean }): string {
  return `rounded-lg px-2.5 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${
    isActive ? 'bg-indigo-50 text-indigo-700' : 'text-slate-700 hover:bg-slate-100'
  }`;
}

/** Every organizer page: the token prompt until a token is kept, then the page with Sign out. */
export function OrganizerRoute() {
  const { token, signIn, signOut } = useOrganizerToken();
  if (token === null) return <OrganizerSignIn onSignIn={signIn} />;
  const organizer: Organizer = { token, signOut };
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-4">
        <nav aria-label="Organizer" className="flex flex-wrap items-center gap-1">
          <Link
            to="/organizer"
            className="mr-2 rounded-lg text-sm font-semibold text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Organizer
          </Link>
          <NavLink to="/organizer/door" className={organizerNavClass}>
            Door check-in
          </NavLink>
        </nav>
        <Button variant="secondary" onClick={signOut}>
          Sign out
        </Button>
      </div>
      <Outlet context={organizer} />
    </div>
  );
}

/** Where a concert's sales stand, beside its date in the organizer's list. */
const STATUS_NOTE: Record<Concert['status'], string> = {
  SCHEDULED: ' · On sale soon',
  ON_SALE: '',
  SALES_CLOSED: ' · Sales ended',
  STARTED: ' · Past',
};

export function OrganizerHomeRoute() {
  const { token } = useOrganizer();
  const concerts = useOrganizerConcerts(token);
  usePageTitle('Concerts — Organizer');
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Concerts</h1>
        <ButtonLink to="/organizer/new">Create a concert</ButtonLink>
      </div>
      <p className="mt-2 text-slate-600">Choose a concert to watch its sales live.</p>
      {concerts.data ? (
        <Card as="ul" className="mt-6 divide-y divide-slate-200">
          {concerts.data.map((concert) => (
            <li key={concert.id}>
              <Link
                to={salesUrl(concert.id)}
                className="block px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <span className="font-medium">
                  {concert.artist} — {concert.name}
                </span>
                <span className="block text-sm text-slate-600">
                  {formatConcertDate(concert)} · {concert.venue}
                  {STATUS_NOTE[concert.status]}
                </span>
              </Link>
            </li>
          ))}
        </Card>
      ) : concerts.isError ? (
        <Alert tone="error" title="We could not load the concerts">
          {messageOf(concerts.error)}
        </Alert>
      ) : (
        <Spinner label="Loading concerts…" />
      )}
    </div>
  );
}

export function OrganizerNewConcertRoute() {
  const { token } = useOrganizer();
  const navigate = useNavigate();
  usePageTitle('Create a concert — Organizer');
  return (
    <div className="max-w-3xl">
      <h1 className="mb-6 text-3xl font-bold tracking-tight">Create a concert</h1>
      <CreateConcertForm
        token={token}
        onCreated={(concert) => {
          void navigate(salesUrl(concert.id));
        }}
      />
    </div>
  );
}

function ConcertPicker({ concertId }: { concertId: string }) {
  const id = useId();
  const navigate = useNavigate();
  const { token } = useOrganizer();
  const concerts = useOrganizerConcerts(token);
  const options = concerts.data ?? [];
  const current = options.find((concert) => concert.id === concertId);
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">
        {current ? `${current.artist} — ${current.name}` : 'Sales'}
      </h1>
      <label htmlFor={id} className="mt-4 block text-sm font-medium text-slate-900">
        Concert
      </label>
      <select
        id={id}
        value={concertId}
        onChange={(event) => {
          void navigate(salesUrl(event.target.value));
        }}
        className={`${inputClasses(false)} max-w-md`}
      >
        {current === undefined && <option value={concertId}>{concertId}</option>}
        {options.map((concert) => (
          <option key={concert.id} value={concert.id}>
            {concert.artist} — {concert.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function OrganizerSalesRoute() {
  const { concertId = '' } = useParams();
  const { token, signOut } = useOrganizer();
  const concerts = useOrganizerConcerts(token);
  const concert = concerts.data?.find((c) => c.id === concertId);
  let title: string | undefined;
  if (concert) title = `Sales — ${concert.name} — Organizer`;
  else if (!concerts.isPending) title = 'Sales — Organizer';
  usePageTitle(title);
  return (
    <div className="space-y-6">
      <ConcertPicker concertId={concertId} />
      <ConcertSalesView
        key={concertId}
        concertId={concertId}
        token={token}
        onUnauthorized={signOut}
      />
    </div>
  );
}

/** `/organizer/door`: checking tickets in as people arrive. */
export function OrganizerDoorRoute() {
  const { token, signOut } = useOrganizer();
  usePageTitle('Door check-in — Organizer');
  return (
    <div className="space-y-8">
      <DoorCheckIn token={token} onUnauthorized={signOut} />
      <p className="mx-auto max-w-2xl text-sm text-slate-600">
        Door staff need not have the organizer token: they can check tickets in at{' '}
        <Link
          to="/door"
          className="rounded font-medium text-indigo-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          /door
        </Link>{' '}
        with the door token, and see nothing of the organizer’s pages.
      </p>
    </div>
  );
}

/** The organizer's pages under `/organizer`, behind the token prompt. */
export const organizerRoutes: RouteObject = {
  path: 'organizer',
  element: <OrganizerRoute />,
  children: [
    { index: true, element: <OrganizerHomeRoute /> },
    { path: 'new', element: <OrganizerNewConcertRoute /> },
    { path: 'concerts/:concertId', element: <OrganizerSalesRoute /> },
    { path: 'door', element: <OrganizerDoorRoute /> },
  ],
};
