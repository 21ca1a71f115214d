import type { ReactNode } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration } from 'react-router';
import { Spinner } from '../components/spinner';
import { RouteAnnouncer } from './page-title';

function navClass({ isActive }: { isActive: boolean }): string {
  return `rounded-lg px-2.5 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-600 sm:px-3 ${
    isActive ? 'bg-indigo-50 text-indigo-700' : 'text-slate-700 hover:bg-slate-100'
  }`;
}

/** The header, the footer and `children` as the page's main content. */
function Shell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <Link
            to="/"
            className="flex shrink-0 items-center gap-2 rounded-lg text-lg font-bold tracking-tight focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <span
              aria-hidden="true"
              className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-white"
            >
              ♪
            </span>
            <span>
              Encore<span className="hidden sm:inline"> Tickets</span>
            </span>
          </Link>
          <nav aria-label="Main" className="flex flex-wrap gap-1">
            <NavLink to="/" end className={navClass}>
              Concerts
            </NavLink>
            <NavLink to="/bookings" className={navClass}>
              My bookings
            </NavLink>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:py-10">
        {children}
      </main>
      <footer className="border-t border-slate-200 py-6 text-center text-xs text-slate-500">
        Payments are simulated: no real card is ever charged.{' '}
        <Link
          to="/organizer"
          className="rounded underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          Organizers
        </Link>
        {/* For developers running the dev server; the page itself also works in a build. */}
        {import.meta.env.DEV && (
          <>
            <span aria-hidden="true"> · </span>
            <Link
              to="/dev/mail"
              className="rounded underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              Mail outbox
            </Link>
          </>
        )}
      </footer>
      <ScrollRestoration />
    </div>
  );
}

export function Layout() {
  return (
    <RouteAnnouncer>
      <Shell>
        <Outlet />
      </Shell>
    </RouteAnnouncer>
  );
}

/** What shows while the code of the page a visit starts on is still loading. */
export function LayoutLoading() {
  return (
    <RouteAnnouncer>
      <Shell>
        <Spinner label="Loading…" />
      </Shell>
    </RouteAnnouncer>
  );
}
