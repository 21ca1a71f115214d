import { ConcertListResponseSchema, HoldResponseSchema } from '@ticket-booking/shared';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { holdFixture } from '../test/fixtures';
import { server } from '../test/server';
import { apiRequest } from './api-client';

describe('the first API request of a page load', () => {
  it('is answered before any other request is sent, so they all share the session it creates', async () => {
    const arrived: string[] = [];
    let answerFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => {
      answerFirst = resolve;
    });
    server.use(
      http.get('/api/concerts', async () => {
        arrived.push('concerts');
        await firstHeld;
        return HttpResponse.json({ concerts: [] });
      }),
      http.get('/api/holds/x', () => {
        arrived.push('hold');
        return HttpResponse.json({ hold: holdFixture() });
      }),
    );

    const first = apiRequest('/api/concerts', ConcertListResponseSchema);
    const second = apiRequest('/api/holds/x', HoldResponseSchema);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const beforeAnswer = [...arrived];
    answerFirst();
    await Promise.all([first, second]);

    expect(beforeAnswer).toEqual(['concerts']);
    expect(arrived).toEqual(['concerts', 'hold']);
  });
});
