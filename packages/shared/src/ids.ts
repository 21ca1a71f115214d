import { z } from 'zod';

/** Concert ids are URL-safe slugs, e.g. `neon-harbor-2027-03-14`. */
export const ConcertIdSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'Concert id is missing' : 'Concert id must be text',
  })
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, {
    error: 'Concert id must be up to 80 lowercase letters, digits and dashes, such as neon-harbor',
  });

/** Tier codes are short lowercase slugs, e.g. `vip`, `front-row`, `ga`. */
export const TierCodeSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'Tier code is missing' : 'Tier code must be text',
  })
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, {
    error:
      'Tier code must use lowercase letters, digits and hyphens, such as vip or front-row ' +
      '(up to 32 characters, not starting or ending with a hyphen)',
  });

export const BookingIdSchema = z.uuid({ error: 'Booking id must be a UUID' });

/** An offer's token: 32 URL-safe characters, the only key to the tickets it holds. */
export const OfferTokenSchema = z
  .string({ error: 'Offer must be the text of the link the offer came with' })
  .regex(/^[A-Za-z0-9_-]{32}$/, { error: 'Offer must be the 32 characters its link ends with' });
