import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { TICKET_CODES, ticketFixture } from '../../../test/fixtures';
import { server } from '../../../test/server';
import { checkIn } from './tickets';

const CODE = TICKET_CODES[0];

function refuse(status: number, code: string, details: unknown[]) {
  server.use(
    http.post('/api/admin/check-ins', () =>
      HttpResponse.json({ error: { code, message: 'Refused.', details } }, { status }),
    ),
  );
}

describe('checking a ticket in', () => {
  it('takes a malformed code the server refuses as no ticket', async () => {
    refuse(400, 'VALIDATION_FAILED', [{ field: 'code', message: 'A ticket code is 46…' }]);

    expect(await checkIn({ code: CODE }, 'token')).toEqual({ kind: 'invalid', code: CODE });
  });

  it('passes on a refused door name, which says nothing about the ticket', async () => {
    refuse(400, 'VALIDATION_FAILED', [{ field: 'door', message: 'Name the door' }]);

    await expect(checkIn({ code: CODE, door: ' ' }, 'token')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('says when and where a used ticket was let in even when the ticket cannot be read', async () => {
    refuse(409, 'ALREADY_CHECKED_IN', [{ checkedInAt: '2030-02-15T00:42:00.000Z', door: null }]);
    server.use(http.get('/api/tickets/:code', () => HttpResponse.error()));

    expect(await checkIn({ code: CODE }, 'token')).toEqual({
      kind: 'already',
      code: CODE,
      checkedInAt: '2030-02-15T00:42:00.000Z',
      door: null,
      ticket: undefined,
      message: 'Refused.',
    });
  });

  it('takes when and where from the ticket when the refusal does not say', async () => {
    const used = ticketFixture({
      code: CODE,
      status: 'CHECKED_IN',
      checkedInAt: '2030-02-15T00:50:00.000Z',
      door: 'North',
    });
    refuse(409, 'ALREADY_CHECKED_IN', []);
    server.use(http.get('/api/tickets/:code', () => HttpResponse.json({ ticket: used })));

    expect(await checkIn({ code: CODE }, 'token')).toMatchObject({
      kind: 'already',
      checkedInAt: '2030-02-15T00:50:00.000Z',
      door: 'North',
    });
  });
});
