import { createCheckoutRequestSchema } from '@ticket-booking/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe('validation messages in the web app', () => {
  it('are the shared package’s plain words, for its schemas and the app’s own alike', () => {
    const checkout = createCheckoutRequestSchema({ maxTicketsPerOrder: 10 }).safeParse(undefined);
    const own = z.strictObject({ seats: z.int().min(1) }).safeParse({ seats: 0 });

    expect(checkout.error?.issues.map((issue) => issue.message)).toEqual([
      'The request body is missing: send a JSON object',
    ]);
    expect(own.error?.issues.map((issue) => issue.message)).toEqual(['Seats must be at least 1']);
  });
});
