import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubEventSource } from '../../../test/fake-event-source';
import { NOW } from '../../../test/fixtures';
import {
  apiError,
  mockWaitingListApi,
  renderConcertPage,
  soldOutConcert,
} from '../testing/mock-waiting-list';

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
  stubEventSource();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function tierRow(name: string) {
  const row = screen.getByRole('heading', { level: 3, name }).closest('li');
  if (!row) throw new Error(`No row for ${name}`);
  return within(row);
}

async function openForm(name = 'VIP') {
  const rendered = await renderConcertPage();
  await rendered.user.click(
    await screen.findByRole('button', { name: `Join the waiting list for ${name}` }),
  );
  const form = within(screen.getByRole('form', { name: `Join the waiting list for ${name}` }));
  return { ...rendered, form };
}

describe('joining a waiting list', () => {
  it('is offered for a sold-out tier only, not for tiers with tickets left', async () => {
    mockWaitingListApi();

    await renderConcertPage();

    expect(
      await tierRow('VIP').findByRole('button', { name: 'Join the waiting list for VIP' }),
    ).toBeVisible();
    expect(tierRow('Front Row').queryByRole('button', { name: /waiting list/ })).toBeNull();
    expect(tierRow('General Admission').queryByRole('button', { name: /waiting list/ })).toBeNull();
  });

  it('sends the tier, email and quantity, then shows the place taken instead of the form', async () => {
    const api = mockWaitingListApi();
    const { user, form } = await openForm();
    expect(form.getByLabelText('Email')).toHaveFocus();
    expect(form.getByLabelText('Tickets')).toHaveValue(1);

    await user.type(form.getByLabelText('Email'), 'ada@example.com');
    await user.clear(form.getByLabelText('Tickets'));
    await user.type(form.getByLabelText('Tickets'), '2');
    await user.click(form.getByRole('button', { name: 'Join the waiting list' }));

    expect(
      await screen.findByText('You’re on the waiting list for 2 × VIP — 3 ahead of you'),
    ).toBeVisible();
    expect(api.joins).toEqual([{ tier: 'vip', email: 'ada@example.com', quantity: 2 }]);
    expect(screen.queryByRole('form')).toBeNull();
    expect(tierRow('VIP').queryByRole('button', { name: /waiting list/ })).toBeNull();
    await waitFor(() => {
      expect(screen.getByRole('status', { name: 'Waiting list updates' })).toHaveTextContent(
        'You’re on the waiting list for 2 × VIP — 3 ahead of you.',
      );
    });
  });

  it('names what is wrong under each field in plain words, and sends nothing', async () => {
    const api = mockWaitingListApi();
    const { user, form } = await openForm();

    await user.type(form.getByLabelText('Email'), 'ada@');
    await user.clear(form.getByLabelText('Tickets'));
    await user.type(form.getByLabelText('Tickets'), '11');
    await user.click(form.getByRole('button', { name: 'Join the waiting list' }));

    await waitFor(() => {
      expect(form.getByLabelText('Email')).toHaveAccessibleDescription(
        'Enter a valid email address',
      );
    });
    expect(form.getByLabelText('Tickets')).toHaveAccessibleDescription(
      '1 to 10 Quantity must be at most 10, the most one order may have',
    );
    expect(form.getByLabelText('Tickets')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(form.getByLabelText('Tickets'));
    expect(form.getByLabelText('Tickets')).toHaveAccessibleDescription(
      '1 to 10 Quantity must be a whole number',
    );
    expect(api.joins).toEqual([]);
  });

  it('shows what the server found wrong at the field it names', async () => {
    const api = mockWaitingListApi();
    const { user, form } = await openForm();
    api.overrides.join = () =>
      apiError(400, 'VALIDATION_FAILED', 'The request is not valid.', [
        { field: 'email', message: 'Email must be at most 254 characters' },
      ]);

    await user.type(form.getByLabelText('Email'), 'ada@example.com');
    await user.click(form.getByRole('button', { name: 'Join the waiting list' }));

    await waitFor(() => {
      expect(form.getByLabelText('Email')).toHaveAccessibleDescription(
        'Email must be at most 254 characters',
      );
    });
    expect(form.queryByRole('alert')).toBeNull();
  });

  it('says so when there are enough tickets to buy them now instead of waiting', async () => {
    const api = mockWaitingListApi();
    const { user, form } = await openForm('VIP');
    api.overrides.join = () =>
      apiError(409, 'WAITING_LIST_NOT_NEEDED', 'Enough tickets are available.');
    expect(form.getByLabelText('Tickets')).toHaveValue(1);

    await user.type(form.getByLabelText('Email'), 'ada@example.com');
    await user.clear(form.getByLabelText('Tickets'));
    await user.type(form.getByLabelText('Tickets'), '3');
    await user.click(form.getByRole('button', { name: 'Join the waiting list' }));

    expect(await form.findByRole('alert')).toHaveTextContent(
      'VIP tickets are on sale again right now: choose them above and check out, no need to wait.',
    );
    expect(api.joins).toEqual([{ tier: 'vip', email: 'ada@example.com', quantity: 3 }]);
  });

  it('when already waiting (joined in another tab), says so and shows that place', async () => {
    const api = mockWaitingListApi();
    const { user, form } = await openForm();
    api.overrides.join = (body) => {
      api.setEntries([
        {
          concertId: soldOutConcert().id,
          tier: body.tier,
          quantity: 4,
          email: body.email,
          status: 'WAITING',
          joinedAt: new Date(NOW).toISOString(),
          ahead: 0,
        },
      ]);
      return apiError(409, 'ALREADY_ON_WAITING_LIST', 'You are already on this waiting list.');
    };

    await user.type(form.getByLabelText('Email'), 'ada@example.com');
    await user.click(form.getByRole('button', { name: 'Join the waiting list' }));

    expect(
      await screen.findByText('You’re on the waiting list for 4 × VIP — you are next'),
    ).toBeVisible();
    expect(screen.queryByRole('form')).toBeNull();
  });
});
