import {
  fromLocalDateTime,
  TierCodeSchema,
  TimeZoneSchema,
  type CreateConcertRequest,
} from '@ticket-booking/shared';
import { z } from 'zod';
import { parsePrice, parseTicketCount, type Parsed } from './money-input';
import { parseOfferMinutes } from './offer-minutes';
import { readSeating, SeatingValuesSchema, tierCodesOf, type SeatingValues } from './seating-form';

/** The currencies a concert can be priced in; one for all its tiers. */
export const CURRENCIES = ['USD', 'EUR', 'GBP'] as const;

function text(what: string) {
  return z
    .string()
    .trim()
    .min(1, { error: `Enter ${what}` })
    .max(120, { error: `At most 120 characters` });
}

function parsed(read: (value: string) => Parsed) {
  return z.string().transform((value, ctx) => {
    const result = read(value);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', input: value, message: result.message });
    return z.NEVER;
  });
}

const TierFormSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: 'Enter a code, such as vip or front-row' })
    .pipe(TierCodeSchema),
  name: text('the tier’s name, such as VIP'),
  price: parsed(parsePrice),
  /** Read with the seating: a tier the plan gives seats has as many tickets as seats. */
  capacity: z.string(),
});

/** A `datetime-local` value: a date and a time, without a zone. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;

const ConcertFormObject = z.object({
  name: text('the concert’s name'),
  artist: text('the artist'),
  venue: text('the venue'),
  timeZone: TimeZoneSchema,
  startsAt: z
    .string()
    .trim()
    .regex(LOCAL_DATE_TIME, { error: 'Enter the date and time the concert starts' }),
  salesEndAt: z
    .string()
    .trim()
    .refine((value) => value === '' || LOCAL_DATE_TIME.test(value), {
      error: 'Enter the date and time sales end, or leave it empty to sell until the start',
    }),
  onSaleAt: z
    .string()
    .trim()
    .refine((value) => value === '' || LOCAL_DATE_TIME.test(value), {
      error: 'Enter the date and time sales open, or leave it empty to open them now',
    }),
  admitPerMinute: z.string().transform((value, ctx) => {
    if (value.trim() === '') return null;
    const plain = value.trim().replaceAll(',', '');
    const count = /^\d+$/.test(plain) ? Number(plain) : Number.NaN;
    if (count >= 1 && count <= 100_000) return count;
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: 'Enter how many shoppers to let in a minute, from 1 to 100,000, or leave it empty',
    });
    return z.NEVER;
  }),
  currency: z.enum(CURRENCIES, { error: 'Choose a currency' }),
  maxTicketsPerBuyer: z.string().transform((value, ctx) => {
    if (value.trim() === '') return null;
    const result = parseTicketCount(value, 1);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', input: value, message: result.message });
    return z.NEVER;
  }),
  offerMinutes: parsed(parseOfferMinutes),
  tiers: z
    .array(TierFormSchema)
    .min(1, { error: 'Add at least one tier' })
    .max(20, { error: 'At most 20 tiers' })
    .check((ctx) => {
      const seen = new Set<string>();
      ctx.value.forEach((tier, index) => {
        if (seen.has(tier.code)) {
          ctx.issues.push({
            code: 'custom',
            input: tier.code,
            path: [index, 'code'],
            message: `Another tier already has the code ${tier.code}`,
          });
        }
        seen.add(tier.code);
      });
    }),
  seating: SeatingValuesSchema,
});

/**
 * The capacities and the seating, read together: a tier the plan gives seats has no capacity of
 * its own to check.
 */
const CheckedForm = ConcertFormObject.superRefine(
  (form, ctx) => {
    const seating = readSeating(form.seating, tierCodesOf(form.tiers));
    for (const issue of seating.issues) {
      ctx.addIssue({ code: 'custom', path: ['seating', ...issue.path], message: issue.message });
    }
    form.tiers.forEach((tier, index) => {
      if (seating.seated.has(tier.code)) return;
      const capacity = parseTicketCount(tier.capacity, 1);
      if (!capacity.ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'capacity'],
          message: capacity.message,
        });
      }
    });
  },
  // Also when other fields are wrong, so that every field's problem shows at once: it reads
  // only the tiers and the seating as typed, which other fields' problems leave as they are.
  { when: () => true },
);

type ParsedForm = z.infer<typeof ConcertFormObject>;

/** The instant the venue's clocks show `local`, or an issue if they skip it (spring forward). */
function instantAt(
  local: string,
  form: ParsedForm,
  field: 'startsAt' | 'salesEndAt' | 'onSaleAt',
  ctx: z.RefinementCtx,
): number | undefined {
  const result = fromLocalDateTime(local, form.timeZone);
  if (result.ok) return result.instant;
  ctx.addIssue({
    code: 'custom',
    path: [field],
    message:
      result.reason === 'skipped'
        ? `The clocks in ${form.timeZone} skip that time as they go forward: choose another`
        : 'Enter a real date and time',
  });
  return undefined;
}

/**
 * The organizer's form as the API's request: times read in the venue's zone, prices and ticket
 * counts as people type them, one currency for every tier. What only the server can say (a start
 * in the past by its clock) comes back from it, at the field it names.
 */
export const ConcertFormSchema = CheckedForm.transform((form, ctx): CreateConcertRequest => {
  const startsAt = instantAt(form.startsAt, form, 'startsAt', ctx);
  const salesEndAt =
    form.salesEndAt === '' ? null : instantAt(form.salesEndAt, form, 'salesEndAt', ctx);
  const onSaleAt = form.onSaleAt === '' ? null : instantAt(form.onSaleAt, form, 'onSaleAt', ctx);
  const end = salesEndAt ?? startsAt;
  if (onSaleAt != null && end !== undefined && onSaleAt >= end) {
    ctx.addIssue({
      code: 'custom',
      path: ['onSaleAt'],
      message: 'Sales must open before they end',
    });
  }
  if (startsAt !== undefined && salesEndAt != null && salesEndAt > startsAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['salesEndAt'],
      message: 'Sales must end no later than the concert starts',
    });
  }
  if (startsAt === undefined || salesEndAt === undefined || onSaleAt === undefined) return z.NEVER;
  const seating = readSeating(form.seating, tierCodesOf(form.tiers));
  return {
    name: form.name,
    artist: form.artist,
    venue: form.venue,
    timeZone: form.timeZone,
    startsAt: new Date(startsAt).toISOString(),
    ...(salesEndAt === null ? {} : { salesEndAt: new Date(salesEndAt).toISOString() }),
    ...(onSaleAt === null ? {} : { onSaleAt: new Date(onSaleAt).toISOString() }),
    ...(form.admitPerMinute !== null && {
      waitingRoom: { admitPerMinute: form.admitPerMinute },
    }),
    maxTicketsPerBuyer: form.maxTicketsPerBuyer,
    offerMinutes: form.offerMinutes,
    tiers: form.tiers.map((tier) => ({
      code: tier.code,
      name: tier.name,
      priceCents: tier.price,
      currency: form.currency,
      ...capacityOf(tier.capacity, seating.seated.has(tier.code)),
    })),
    ...(seating.plan && { seatPlan: seating.plan }),
  };
});

/** A tier's capacity as sent: none for a tier the plan gives seats, whose seats it is. */
function capacityOf(typed: string, seated: boolean): { capacity?: number } {
  if (seated) return {};
  const capacity = parseTicketCount(typed, 1);
  return capacity.ok ? { capacity: capacity.value } : {};
}

/**
 * Where the form shows what the server says of a field of its request; what it says of the plan
 * goes to the plan's file, or under the sections it was built from.
 */
export function formFieldOf(field: string, seating: SeatingValues['kind']): string | undefined {
  if (field === 'seatPlan' || field.startsWith('seatPlan.')) {
    return seating === 'upload' ? 'seating.planJson' : 'seating.sections';
  }
  const own = [
    'name',
    'artist',
    'venue',
    'timeZone',
    'startsAt',
    'salesEndAt',
    'onSaleAt',
    'maxTicketsPerBuyer',
    'offerMinutes',
  ];
  if (field === 'waitingRoom' || field === 'waitingRoom.admitPerMinute') return 'admitPerMinute';
  if ([...own, 'tiers'].includes(field)) {
    return field;
  }
  const match = /^tiers\.(\d+)\.(\w+)$/.exec(field);
  if (!match) return undefined;
  const [, index, key] = match;
  if (key === 'currency') return 'currency';
  if (key === 'priceCents') return `tiers.${index}.price`;
  if (key === 'code' || key === 'name' || key === 'capacity') return `tiers.${index}.${key}`;
  return undefined;
}

/**
 * What the organizer types, as typed; the times are the venue's wall clock as a `datetime-local`
 * field gives it (`2027-03-14T19:30`), the end of sales empty to sell until the start.
 */
export type ConcertFormValues = z.input<typeof ConcertFormSchema>;
