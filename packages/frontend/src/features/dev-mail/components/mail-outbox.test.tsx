import type { DevMail, DevMailList, ErrorCode } from '@ticket-booking/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../app/providers';
import { routes } from '../../../app/router';
import { formatDateTime } from '../../../lib/format';
import { bookingFixture, NOW } from '../../../test/fixtures';
import { server } from '../../../test/server';
import { DEV_MAIL_REFRESH_MS } from '../api/dev-mail';

const FOLDER = '/srv/encore/var/mail';
const BOOKING_URL = `http://localhost:5173/bookings/${bookingFixture().id}`;

function mailFixture(overrides: Partial<DevMail> = {}): DevMail {
  return {
    id: 1,
    to: 'ada@example.com',
    subject: 'Your tickets for Tidelight Tour',
    status: 'SENT',
    createdAt: new Date(NOW).toISOString(),
    sentAt: new Date(NOW + 2_000).toISOString(),
    attempts: 1,
    lastError: null,
    text: `Hello Ada,\n\nYour booking K7QP-M2XD: ${BOOKING_URL}.\n`,
    html: '<p>Hello <b>Ada</b>, your booking K7QP-M2XD is confirmed.</p>',
    calendar: true,
    ...overrides,
  };
}

const confirmation = mailFixture();
const offer = mailFixture({
  id: 2,
  to: 'grace@example.com',
  subject: 'Tickets are waiting for you',
  createdAt: new Date(NOW + 60_000).toISOString(),
  sentAt: null,
  status: 'PENDING',
  attempts: 0,
  text: 'Two VIP tickets are held for you: http://localhost:5173/offers/Kp3xV9qLm2Zt8RwY',
  html: null,
  calendar: false,
});

function apiError(status: number, code: ErrorCode, message: string) {
  return HttpResponse.json({ error: { code, message, details: null } }, { status });
}

/** Serves the outbox as `answer` says at each request, and counts the requests. */
function serveOutbox(answer: () => DevMail[] | Response) {
  const asked = { count: 0 };
  server.use(
    http.get('/api/dev/mail', () => {
      asked.count += 1;
      const messages = answer();
      if (messages instanceof Response) return messages;
      const body: DevMailList = { folder: FOLDER, messages };
      return HttpResponse.json(body);
    }),
  );
  return asked;
}

/**
 * Renders `url` among the app's own routes, with the app's query client as it is (but for retries,
 * which would only slow the failures down): its staleness decides what a return to the tab asks.
 */
function renderApp(url: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
  });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { user, router };
}

function renderOutbox() {
  return renderApp('/dev/mail');
}

/** The list of messages, by its heading. */
function messageList() {
  return screen.getByRole('list', { name: /^Messages/ });
}

/** The message shown, by its heading (its subject). */
function shownMessage(subject: string) {
  return within(screen.getByRole('region', { name: subject }));
}

/** Sets what `document.visibilityState` says and tells the page, as a browser does. */
function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}

beforeEach(() => {
  // jsdom does not scroll; the layout's scroll restoration would only log so.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
  vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW + 120_000 });
});
afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(document, 'visibilityState');
});

describe('the mail outbox', () => {
  it('lists the messages newest first with recipient, subject, time, status and invitation', async () => {
    serveOutbox(() => [offer, confirmation]);

    renderOutbox();

    const items = within(await screen.findByRole('list', { name: /^Messages/ })).getAllByRole(
      'listitem',
    );
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('grace@example.com');
    expect(items[0]).toHaveTextContent('Tickets are waiting for you');
    expect(items[0]).toHaveTextContent(formatDateTime(NOW + 60_000));
    expect(within(items[0]!).getByText('Queued')).toBeVisible();
    expect(items[0]).not.toHaveTextContent('Invitation attached');
    expect(items[1]).toHaveTextContent('ada@example.com');
    expect(within(items[1]!).getByText('Sent')).toBeVisible();
    expect(items[1]).toHaveTextContent('Invitation attached');
    expect(within(items[1]!).getByText(formatDateTime(NOW))).toHaveAttribute(
      'datetime',
      confirmation.createdAt,
    );
  });

  it('names the page and says where the server keeps the messages', async () => {
    serveOutbox(() => [confirmation]);

    renderOutbox();

    expect(await screen.findByRole('heading', { level: 1, name: 'Mail outbox' })).toBeVisible();
    expect(document.title).toBe('Mail outbox — Encore Tickets');
    expect(await screen.findByText(FOLDER)).toBeVisible();
    expect(screen.getByText(/would have emailed, kept as/)).toHaveTextContent(
      `The messages the product would have emailed, kept as .eml files in ${FOLDER} on the server, for development.`,
    );
  });

  it('shows the newest message at once, its HTML in a frame with every permission withheld', async () => {
    serveOutbox(() => [confirmation]);

    renderOutbox();

    const frame = await screen.findByTitle('HTML version of “Your tickets for Tidelight Tour”');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame).toHaveAttribute('src', `/api/dev/mail/${confirmation.id}/html`);
    const message = shownMessage('Your tickets for Tidelight Tour');
    expect(message.getByText('To').nextElementSibling).toHaveTextContent('ada@example.com');
    expect(message.getByText('Sent', { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      formatDateTime(NOW + 2_000),
    );
    expect(message.getByText('Attached').nextElementSibling).toHaveTextContent(
      'Calendar invitation (.ics)',
    );
    expect(message.getByRole('button', { name: 'HTML' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows the message chosen, and its plain text with links to follow', async () => {
    serveOutbox(() => [offer, confirmation]);
    const { user } = renderOutbox();
    await screen.findByRole('region', { name: 'Tickets are waiting for you' });

    await user.click(within(messageList()).getByRole('button', { name: /ada@example\.com/ }));

    expect(within(messageList()).getByRole('button', { current: true })).toHaveTextContent(
      'ada@example.com',
    );
    const message = shownMessage('Your tickets for Tidelight Tour');
    await user.click(message.getByRole('button', { name: 'Plain text' }));
    expect(message.getByRole('button', { name: 'Plain text' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.queryByTitle(/^HTML version/)).not.toBeInTheDocument();
    const text = message.getByText(/Hello Ada/, { selector: 'pre' });
    expect(text).toHaveTextContent(`Your booking K7QP-M2XD: ${BOOKING_URL}.`);
    expect(within(text).getByRole('link', { name: BOOKING_URL })).toHaveAttribute(
      'href',
      BOOKING_URL,
    );

    await user.click(message.getByRole('button', { name: 'HTML' }));
    expect(screen.getByTitle(/^HTML version/)).toHaveAttribute(
      'src',
      `/api/dev/mail/${confirmation.id}/html`,
    );
  });

  it('shows the plain text of a message without HTML, its offer link included', async () => {
    serveOutbox(() => [offer]);

    renderOutbox();

    const message = within(await screen.findByRole('region', { name: offer.subject }));
    expect(message.getByText(/plain text only/)).toBeVisible();
    expect(message.queryByRole('button', { name: 'HTML' })).not.toBeInTheDocument();
    expect(message.getByRole('link', { name: /\/offers\// })).toHaveAttribute(
      'href',
      'http://localhost:5173/offers/Kp3xV9qLm2Zt8RwY',
    );
    expect(message.getByText('Sent', { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      'Not yet',
    );
    expect(screen.queryByTitle(/^HTML version/)).not.toBeInTheDocument();
  });

  it('shows a failed message as Failed with its last error, and a retried one as queued', async () => {
    const failed = mailFixture({
      id: 3,
      status: 'FAILED',
      sentAt: null,
      attempts: 5,
      lastError: 'ECONNREFUSED 127.0.0.1:1025',
    });
    const retried = mailFixture({
      id: 4,
      to: 'grace@example.com',
      status: 'PENDING',
      sentAt: null,
      attempts: 2,
      lastError: 'Greylisted, try later',
    });
    serveOutbox(() => [retried, failed]);

    renderOutbox();

    const items = within(await screen.findByRole('list', { name: /^Messages/ })).getAllByRole(
      'listitem',
    );
    expect(within(items[0]!).getByText('Queued')).toBeVisible();
    expect(items[0]).toHaveTextContent('Last try failed, to be retried: Greylisted, try later');
    expect(within(items[1]!).getByText('Failed')).toBeVisible();
    expect(items[1]).toHaveTextContent('Gave up after 5 attempts: ECONNREFUSED 127.0.0.1:1025');
  });

  it('says there is no mail yet, and how some comes', async () => {
    serveOutbox(() => []);

    renderOutbox();

    expect(await screen.findByText('No mail yet')).toBeVisible();
    expect(screen.getByText(/Buy tickets and the confirmation appears here/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Find a concert' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('says plainly that mail goes to the mail server when the server keeps no outbox, and stops asking', async () => {
    const asked = serveOutbox(() => apiError(404, 'NOT_FOUND', 'There is nothing here.'));

    renderOutbox();

    expect(await screen.findByText('No outbox to show')).toBeVisible();
    expect(
      screen.getByText(/Mail goes to the configured mail server, so there is no outbox/),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Refresh' })).not.toBeInTheDocument();
    expect(screen.queryByText(/kept as/)).not.toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(3 * DEV_MAIL_REFRESH_MS));
    expect(asked.count).toBe(1);
  });

  it('stops asking once the server says it keeps no outbox any more', async () => {
    let kept = true;
    const asked = serveOutbox(() =>
      kept ? [confirmation] : apiError(404, 'NOT_FOUND', 'There is nothing here.'),
    );
    renderOutbox();
    await screen.findByRole('region', { name: confirmation.subject });

    kept = false;
    await act(() => vi.advanceTimersByTimeAsync(DEV_MAIL_REFRESH_MS));
    expect(await screen.findByText('No outbox to show')).toBeVisible();
    expect(screen.queryByRole('region', { name: confirmation.subject })).not.toBeInTheDocument();
    const after = asked.count;
    await act(() => vi.advanceTimersByTimeAsync(3 * DEV_MAIL_REFRESH_MS));

    expect(asked.count).toBe(after);
  });

  it('explains a failure to load in plain words and loads on Try again', async () => {
    let up = false;
    serveOutbox(() => (up ? [confirmation] : HttpResponse.error()));
    const { user } = renderOutbox();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the outbox');
    expect(alert).toHaveTextContent(/could not reach the box office/i);
    up = true;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('region', { name: confirmation.subject })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps the messages on screen when a refresh fails, and says they may be out of date', async () => {
    let up = true;
    serveOutbox(() => (up ? [confirmation] : HttpResponse.error()));
    renderOutbox();
    await screen.findByRole('region', { name: confirmation.subject });

    up = false;
    await act(() => vi.advanceTimersByTimeAsync(DEV_MAIL_REFRESH_MS));

    expect(await screen.findByRole('alert')).toHaveTextContent('The outbox could not be refreshed');
    expect(screen.getByRole('region', { name: confirmation.subject })).toBeVisible();
  });
});

describe('keeping the outbox fresh', () => {
  it('shows new mail by itself a few seconds after it is sent', async () => {
    let messages: DevMail[] = [];
    serveOutbox(() => messages);
    renderOutbox();
    expect(await screen.findByText('No mail yet')).toBeVisible();

    messages = [confirmation];
    await act(() => vi.advanceTimersByTimeAsync(DEV_MAIL_REFRESH_MS));

    expect(await screen.findByRole('region', { name: confirmation.subject })).toBeVisible();
    expect(screen.queryByText('No mail yet')).not.toBeInTheDocument();
  });

  it('keeps the message chosen when newer mail arrives', async () => {
    let messages = [offer, confirmation];
    serveOutbox(() => messages);
    const { user } = renderOutbox();
    await screen.findByRole('region', { name: offer.subject });
    await user.click(within(messageList()).getByRole('button', { name: /ada@example\.com/ }));

    const newer = mailFixture({ id: 5, subject: 'Your booking is cancelled', calendar: false });
    messages = [newer, offer, confirmation];
    await act(() => vi.advanceTimersByTimeAsync(DEV_MAIL_REFRESH_MS));

    expect(await within(messageList()).findByText(newer.subject)).toBeVisible();
    expect(screen.getByRole('region', { name: confirmation.subject })).toBeVisible();
  });

  it('asks again on Refresh', async () => {
    let messages: DevMail[] = [];
    const asked = serveOutbox(() => messages);
    const { user } = renderOutbox();
    expect(await screen.findByText('No mail yet')).toBeVisible();

    messages = [confirmation];
    await user.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByRole('region', { name: confirmation.subject })).toBeVisible();
    expect(asked.count).toBe(2);
    expect(screen.getByRole('button', { name: 'Refresh' })).not.toHaveAttribute(
      'aria-busy',
      'true',
    );
  });

  it('asks nothing while the tab is hidden, and asks at once when it is back', async () => {
    let messages: DevMail[] = [];
    const asked = serveOutbox(() => messages);
    renderOutbox();
    expect(await screen.findByText('No mail yet')).toBeVisible();

    setVisibility('hidden');
    messages = [confirmation];
    await act(() => vi.advanceTimersByTimeAsync(3 * DEV_MAIL_REFRESH_MS));
    expect(asked.count).toBe(1);
    expect(screen.getByText('No mail yet')).toBeVisible();

    act(() => {
      setVisibility('visible');
    });
    expect(await screen.findByRole('region', { name: confirmation.subject })).toBeVisible();
    expect(asked.count).toBe(2);
  });
});

describe('reaching the outbox', () => {
  it('is at /dev/mail, linked from the footer of every page on the dev server', async () => {
    serveOutbox(() => [confirmation]);
    server.use(http.get('/api/concerts', () => HttpResponse.json({ concerts: [] })));
    const { user } = renderApp('/');

    const link = within(await screen.findByRole('contentinfo')).getByRole('link', {
      name: 'Mail outbox',
    });
    expect(link).toHaveAttribute('href', '/dev/mail');
    await user.click(link);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Mail outbox' }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: confirmation.subject })).toBeVisible();
  });
});
