import { z } from 'zod';

/** Concert ids are URL-safe slugs, e.g. `neon-harbor-2027-03-14`. */
export const ConcertIdSchema = z
  .string({ error: 'Expected a concert id' })
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, { error: 'Not a valid concert id' });

/** Tier codes are short lowercase slugs, e.g. `vip`, `front-row`, `ga`. */
export const TierCodeSchema = z
  .string({ error: 'Expected a tier code' })
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, {
    error:
      'Use lowercase letters, digits and hyphens, such as vip or front-row ' +
      '(up to 32 characters, not starting or ending with a hyphen)',
  });

export const BookingIdSchema = z.uuid({ error: 'Not a valid booking id' });
