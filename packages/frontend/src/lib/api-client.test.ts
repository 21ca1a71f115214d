import { HoldResponseSchema } from '@ticket-booking/shared';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { holdFixture } from '../test/fixtures';
import { server } from '../test/server';
import { ApiError, apiRequest, messageOf } from './api-client';

describe('the API client', () => {
  it('returns the answer parsed with the shared schema', async () => {
    const hold = holdFixture();
    server.use(http.get('/api/holds/x', () => HttpResponse.json({ hold })));

    await expect(apiRequest('/api/holds/x', HoldResponseSchema)).resolves.toEqual({ hold });
  });

  it('turns an API error into an ApiError with its code, message and details', async () => {
    server.use(
      http.post('/api/holds/checkout', () =>
        HttpResponse.json(
          {
            error: {
              code: 'NOT_ENOUGH_TICKETS',
              message: 'Not enough tickets left for this order.',
              details: [{ tier: 'vip', requested: 3, available: 1 }],
            },
          },
          { status: 409 },
        ),
      ),
    );

    const error = await apiRequest('/api/holds/checkout', HoldResponseSchema, {
      method: 'POST',
      body: {},
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'NOT_ENOUGH_TICKETS',
      message: 'Not enough tickets left for this order.',
      details: [{ tier: 'vip', requested: 3, available: 1 }],
    });
  });

  it('sends an Idempotency-Key header when given a key, and none otherwise', async () => {
    const sent: (string | null)[] = [];
    server.use(
      http.post('/api/holds/checkout', ({ request }) => {
        sent.push(request.headers.get('Idempotency-Key'));
        return HttpResponse.json({ hold: holdFixture() }, { status: 201 });
      }),
    );

    await apiRequest('/api/holds/checkout', HoldResponseSchema, {
      method: 'POST',
      body: {},
      idempotencyKey: 'attempt-1',
    });
    await apiRequest('/api/holds/checkout', HoldResponseSchema, { method: 'POST', body: {} });

    expect(sent).toEqual(['attempt-1', null]);
  });

  it('says the box office cannot be reached when the network fails', async () => {
    server.use(http.get('/api/concerts', () => HttpResponse.error()));

    const error = await apiRequest('/api/concerts', HoldResponseSchema).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'NETWORK_ERROR' });
    expect(messageOf(error)).toMatch(/could not reach/i);
  });

  it('never shows raw JSON or HTML for an answer it does not understand', async () => {
    server.use(
      http.get('/api/concerts', () => new HttpResponse('<html>502</html>', { status: 502 })),
    );

    const error = await apiRequest('/api/concerts', HoldResponseSchema).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE' });
    expect(messageOf(error)).not.toMatch(/[<{]/);
  });

  it('sends the organizer token as a bearer Authorization header, and none otherwise', async () => {
    const sent: (string | null)[] = [];
    server.use(
      http.get('/api/holds/x', ({ request }) => {
        sent.push(request.headers.get('Authorization'));
        return HttpResponse.json({ hold: holdFixture() });
      }),
    );

    await apiRequest('/api/holds/x', HoldResponseSchema, { bearerToken: 'organizer-secret' });
    await apiRequest('/api/holds/x', HoldResponseSchema);

    expect(sent).toEqual(['Bearer organizer-secret', null]);
  });
});
