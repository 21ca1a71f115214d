import { screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiError,
  DOOR_TOKEN,
  DOOR_TOKEN_KEY,
  mockCheckIns,
  renderDoor,
  renderDoorPage,
  TOKEN,
  TOKEN_KEY,
} from '../../features/tickets/testing/mock-door';
import { TICKET_CODES, ticketFixture } from '../../test/fixtures';
import { server } from '../../test/server';

const [ADA] = TICKET_CODES;
const ada = ticketFixture({ code: ADA, number: 1 });
/** Shaped like a ticket code, signed by no one: what the sign-in checks a token with. */
const FORGED_CODE = 'A'.repeat(46);

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => {
  sessionStorage.clear();
});

async function signIn(token: string) {
  const rendered = renderDoorPage();
  await rendered.user.type(screen.getByLabelText('Door token'), token);
  await rendered.user.click(screen.getByRole('button', { name: 'Sign in' }));
  return rendered;
}

function codeField() {
  return screen.getByLabelText('Ticket code');
}

describe('the door staff’s page', () => {
  it('asks for the door token in a password field before anything else', () => {
    mockCheckIns([ada]);

    renderDoorPage();

    expect(screen.getByRole('heading', { name: 'Door sign-in' })).toBeVisible();
    expect(screen.getByLabelText('Door token')).toHaveAttribute('type', 'password');
    expect(screen.getByText(/Use the door token or the organizer token/)).toBeVisible();
    expect(screen.queryByLabelText('Ticket code')).not.toBeInTheDocument();
    expect(document.title).toBe('Door sign-in — Encore Tickets');
  });

  it('checks the token by checking in a forged code, keeps it for this tab, and opens the door', async () => {
    const api = mockCheckIns([ada]);

    const { user, router } = await signIn(DOOR_TOKEN);

    expect(await screen.findByRole('heading', { level: 1, name: 'Door check-in' })).toBeVisible();
    expect(api.calls).toEqual([
      { body: { code: FORGED_CODE }, authorization: `Bearer ${DOOR_TOKEN}` },
    ]);
    expect(sessionStorage.getItem(DOOR_TOKEN_KEY)).toBe(DOOR_TOKEN);
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(localStorage.length).toBe(0);
    expect(router.state.location.pathname).toBe('/door');
    expect(document.title).toBe('Door check-in — Encore Tickets');

    await user.type(codeField(), `${ADA}{Enter}`);

    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('Valid — let in');
    });
    expect(api.calls[1]).toEqual({ body: { code: ADA }, authorization: `Bearer ${DOOR_TOKEN}` });
  });

  it('takes the organizer token too', async () => {
    const api = mockCheckIns([ada]);

    await signIn(TOKEN);

    expect(await screen.findByLabelText('Ticket code')).toBeVisible();
    expect(api.calls[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sessionStorage.getItem(DOOR_TOKEN_KEY)).toBe(TOKEN);
  });

  it('says the token is wrong on a 401, stays on the prompt and keeps nothing', async () => {
    const api = mockCheckIns([ada]);

    await signIn('not-the-door-token');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That token is not right. Check it and try again.',
    );
    expect(screen.getByLabelText('Door token')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('heading', { name: 'Door sign-in' })).toBeVisible();
    expect(screen.queryByLabelText('Ticket code')).not.toBeInTheDocument();
    expect(api.calls).toEqual([
      { body: { code: FORGED_CODE }, authorization: 'Bearer not-the-door-token' },
    ]);
    expect(sessionStorage.getItem(DOOR_TOKEN_KEY)).toBeNull();
  });

  it('says the server has no door access when it answers 404 NOT_FOUND', async () => {
    server.use(
      http.post('/api/admin/check-ins', () =>
        apiError(404, 'NOT_FOUND', 'There is nothing at this address.'),
      ),
    );

    await signIn(DOOR_TOKEN);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This server has no door access: it is turned on by setting DOOR_TOKEN or ADMIN_TOKEN',
    );
    expect(sessionStorage.getItem(DOOR_TOKEN_KEY)).toBeNull();
  });

  it('asks for the token again, saying why, when a scan is refused with 401', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoorPage({ token: 'a-token-changed-on-the-server' });

    await user.type(codeField(), `${ADA}{Enter}`);

    expect(await screen.findByRole('heading', { name: 'Door sign-in' })).toBeVisible();
    expect(screen.getByText(/no longer accepts the token this door was using/)).toBeVisible();
    expect(sessionStorage.getItem(DOOR_TOKEN_KEY)).toBeNull();
    expect(api.calls).toEqual([
      { body: { code: ADA }, authorization: 'Bearer a-token-changed-on-the-server' },
    ]);
  });

  it('forgets the token on Sign out and asks for it again', async () => {
    mockCheckIns([ada]);
    const { user } = renderDoorPage({ token: DOOR_TOKEN });

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(screen.getByRole('heading', { name: 'Door sign-in' })).toBeVisible();
    expect(screen.queryByText(/no longer accepts/)).not.toBeInTheDocument();
    expect(sessionStorage.getItem(DOOR_TOKEN_KEY)).toBeNull();
  });

  it('is pointed out to the organizer on their own door page', () => {
    mockCheckIns([ada]);

    renderDoor();

    expect(screen.getByRole('link', { name: '/door' })).toHaveAttribute('href', '/door');
    expect(screen.getByText(/can check tickets in at/)).toHaveTextContent(
      'Door staff need not have the organizer token: they can check tickets in at /door with the door token',
    );
  });
});
