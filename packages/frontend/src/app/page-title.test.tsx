import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { createMemoryRouter, Link, Outlet, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { RouteAnnouncer, usePageTitle } from './page-title';

function Page({ title, next }: { title: string | undefined; next: string }) {
  usePageTitle(title);
  return <Link to={next}>Next</Link>;
}

/** A page that names itself only once its (pretend) data is in, when its button is pressed. */
function SlowPage() {
  const [loaded, setLoaded] = useState(false);
  usePageTitle(loaded ? 'Quiet Fires' : undefined);
  return (
    <button
      type="button"
      onClick={() => {
        setLoaded(true);
      }}
    >
      Load
    </button>
  );
}

/** A page that becomes another on the same address, as the organizer's sign-in does. */
function SignInPage() {
  const [signedIn, setSignedIn] = useState(false);
  usePageTitle(signedIn ? 'Concerts — Organizer' : 'Organizer sign-in');
  return (
    <button
      type="button"
      onClick={() => {
        setSignedIn(true);
      }}
    >
      Sign in
    </button>
  );
}

function renderPages(initial: string) {
  const router = createMemoryRouter(
    [
      {
        element: (
          <RouteAnnouncer>
            <Outlet />
          </RouteAnnouncer>
        ),
        children: [
          { path: '/', element: <Page title="Upcoming concerts" next="/bookings" /> },
          { path: '/bookings', element: <Page title="My bookings" next="/concert" /> },
          { path: '/concert', element: <SlowPage /> },
          { path: '/organizer', element: <SignInPage /> },
        ],
      },
    ],
    { initialEntries: [initial] },
  );
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup(), announcer: screen.getByTestId('route-announcer') };
}

describe('page titles', () => {
  it('names each page, ending with the shop’s name', async () => {
    const { user } = renderPages('/');
    expect(document.title).toBe('Upcoming concerts — Encore Tickets');

    await user.click(screen.getByRole('link', { name: 'Next' }));

    expect(document.title).toBe('My bookings — Encore Tickets');
  });

  it('leaves the first page to the browser, and announces each page moved to, politely', async () => {
    const { user, announcer } = renderPages('/');
    expect(announcer).toHaveAttribute('role', 'status');
    expect(announcer).toHaveAttribute('aria-live', 'polite');
    expect(announcer).toBeEmptyDOMElement();

    await user.click(screen.getByRole('link', { name: 'Next' }));

    expect(announcer).toHaveTextContent(/^My bookings$/);
  });

  it('while a page cannot name itself yet, is the shop’s name alone and announces nothing', async () => {
    const { user, announcer } = renderPages('/bookings');

    await user.click(screen.getByRole('link', { name: 'Next' }));

    expect(document.title).toBe('Encore Tickets');
    expect(announcer).toBeEmptyDOMElement();

    await user.click(screen.getByRole('button', { name: 'Load' }));

    expect(document.title).toBe('Quiet Fires — Encore Tickets');
    expect(announcer).toHaveTextContent(/^Quiet Fires$/);
  });

  it('announces a page that became another on the same address', async () => {
    const { user, announcer } = renderPages('/organizer');
    expect(announcer).toBeEmptyDOMElement();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(document.title).toBe('Concerts — Organizer — Encore Tickets');
    expect(announcer).toHaveTextContent(/^Concerts — Organizer$/);
  });
});
