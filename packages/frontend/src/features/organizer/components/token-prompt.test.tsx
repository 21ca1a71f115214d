import { screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { server } from '../../../test/server';
import {
  apiError,
  mockOrganizerApi,
  renderOrganizer,
  TOKEN,
  TOKEN_KEY,
} from '../testing/mock-organizer';

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => {
  sessionStorage.clear();
});

async function signIn(token: string) {
  const rendered = renderOrganizer('/organizer');
  await rendered.user.type(screen.getByLabelText('Organizer token'), token);
  await rendered.user.click(screen.getByRole('button', { name: 'Sign in' }));
  return rendered;
}

describe('the organizer token prompt', () => {
  it('asks for the token in a password field before showing any organizer page', () => {
    mockOrganizerApi();
    renderOrganizer('/organizer');

    expect(screen.getByRole('heading', { name: 'Organizer sign-in' })).toBeVisible();
    expect(screen.getByLabelText('Organizer token')).toHaveAttribute('type', 'password');
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('keeps a token the server accepts for this tab only, and sends it as a bearer token', async () => {
    const api = mockOrganizerApi();

    const { router } = await signIn(TOKEN);

    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Concerts' })).toBeVisible();
    expect(api.authorizations).toEqual([`Bearer ${TOKEN}`]);
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe(TOKEN);
    expect(localStorage.length).toBe(0);
    expect(router.state.location.pathname + router.state.location.search).toBe('/organizer');
  });

  it('says the token is wrong on a 401, and keeps nothing', async () => {
    mockOrganizerApi();

    await signIn('not-the-token');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That token is not right. Check it and try again.',
    );
    expect(screen.getByLabelText('Organizer token')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('says the server has no organizer access when its API answers 404 NOT_FOUND', async () => {
    server.use(
      http.get('/api/admin/concerts/:id/sales', () =>
        apiError(404, 'NOT_FOUND', 'There is nothing at this address.'),
      ),
    );

    await signIn(TOKEN);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This server has no organizer access',
    );
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('forgets the token on sign out and asks for it again', async () => {
    mockOrganizerApi();
    const { user } = await signIn(TOKEN);

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(screen.getByRole('heading', { name: 'Organizer sign-in' })).toBeVisible();
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('opens straight away with a token kept earlier in this tab', async () => {
    mockOrganizerApi();
    sessionStorage.setItem(TOKEN_KEY, TOKEN);

    renderOrganizer('/organizer');

    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeVisible();
    await waitFor(() => {
      expect(screen.getByRole('link', { name: /Neon Harbor — Tidelight Tour/ })).toHaveAttribute(
        'href',
        '/organizer/concerts/neon-harbor-tidelight',
      );
    });
  });
});
