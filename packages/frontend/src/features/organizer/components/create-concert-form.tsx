import {
  DEFAULT_MAX_TICKETS_PER_BUYER,
  DEFAULT_OFFER_MINUTES,
  knownTimeZones,
  MAX_OFFER_MINUTES,
  latestStartFrom,
  toLocalDateTime,
  type Concert,
  type CreateConcertRequest,
} from '@ticket-booking/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Field, SelectField } from '../../../components/field';
import { ApiError, messageOf } from '../../../lib/api-client';
import { showServerFieldErrors } from '../../../lib/server-field-errors';
import { useCreateConcert } from '../api/organizer';
import {
  ConcertFormSchema,
  CURRENCIES,
  formFieldOf,
  type ConcertFormValues,
} from '../utils/concert-form';
import { newSection } from '../utils/seating-form';
import { SeatingFieldset } from './seating-fieldset';
import { TierCapacityField } from './tier-capacity-field';

type FieldName = FieldPath<ConcertFormValues>;

function newTier(): ConcertFormValues['tiers'][number] {
  return { code: '', name: '', price: '', capacity: '100' };
}

/** The zones to choose from, by region (`America`, `Europe`…), `UTC` among the others. */
function zonesByRegion(): [string, string[]][] {
  const regions = new Map<string, string[]>();
  for (const zone of knownTimeZones()) {
    const region = zone.includes('/') ? (zone.split('/')[0] ?? 'Other') : 'Other';
    regions.set(region, [...(regions.get(region) ?? []), zone]);
  }
  return [...regions];
}

/** A zone as people read it: `America/New York`. */
function zoneLabel(zone: string): string {
  return zone.replaceAll('_', ' ');
}

const ZONE_REGIONS = zonesByRegion();

/** Some 400 options, made once rather than on every keystroke's render. */
const ZONE_OPTIONS = ZONE_REGIONS.map(([region, zones]) => (
  <optgroup key={region} label={region}>
    {zones.map((zone) => (
      <option key={zone} value={zone}>
        {zoneLabel(zone)}
      </option>
    ))}
  </optgroup>
));

/** The organizer's own zone, the likeliest venue's, when the browser knows it. */
function browserTimeZone(): string {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return ZONE_REGIONS.some(([, zones]) => zones.includes(own)) ? own : 'UTC';
}

/**
 * A new concert, checked as it is typed. Its times are read at the venue, in the time zone
 * chosen for it; prices are typed as people write them, in the concert's one currency. What only
 * the server can say (a start in the past by its clock) is shown at the field it names.
 */
export function CreateConcertForm({
  token,
  onCreated,
}: {
  token: string;
  onCreated: (concert: Concert) => void;
}) {
  const create = useCreateConcert(token);
  // The bounds the date pickers offer are those of when the form was opened.
  const [now] = useState(() => Date.now());
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    getValues,
    formState: { errors },
  } = useForm<ConcertFormValues, unknown, CreateConcertRequest>({
    resolver: zodResolver(ConcertFormSchema),
    mode: 'onTouched',
    defaultValues: {
      name: '',
      artist: '',
      venue: '',
      timeZone: browserTimeZone(),
      startsAt: '',
      salesEndAt: '',
      onSaleAt: '',
      admitPerMinute: '',
      currency: 'USD',
      maxTicketsPerBuyer: String(DEFAULT_MAX_TICKETS_PER_BUYER),
      offerMinutes: String(DEFAULT_OFFER_MINUTES),
      tiers: [newTier()],
      seating: {
        kind: 'none',
        curved: 'curved',
        sections: [newSection()],
        planJson: '',
        fileName: '',
      },
    },
  });
  const tiers = useFieldArray({ control, name: 'tiers' });
  const timeZone = useWatch({ control, name: 'timeZone' });
  const currency = useWatch({ control, name: 'currency' });
  const tiersError = errors.tiers?.message ?? errors.tiers?.root?.message;
  const earliest = toLocalDateTime(now, timeZone);
  const latest = toLocalDateTime(latestStartFrom(now), timeZone);

  function onError(error: Error, request: CreateConcertRequest) {
    const seatingKind = getValues('seating.kind');
    // An issue with no field of its own in this form is shown for the form as a whole.
    showServerFieldErrors(
      error,
      setError,
      (field) => (formFieldOf(field, seatingKind) as FieldName | undefined) ?? 'root.server',
    );
    if (error instanceof ApiError && error.code === 'PAYLOAD_TOO_LARGE' && request.seatPlan) {
      setError(seatingKind === 'upload' ? 'seating.planJson' : 'seating.sections', {
        message: 'The server would not take a plan this large: it has too many seats to send',
      });
    }
  }

  const submit = handleSubmit((request) => {
    create.mutate(request, { onSuccess: onCreated, onError });
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-8">
      <fieldset>
        <legend className="text-lg font-semibold text-slate-900">The concert</legend>
        <div className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-2">
          <Field label="Name" error={errors.name?.message} {...register('name')} />
          <Field label="Artist" error={errors.artist?.message} {...register('artist')} />
          <Field label="Venue" error={errors.venue?.message} {...register('venue')} />
          <SelectField
            label="Venue time zone"
            error={errors.timeZone?.message}
            {...register('timeZone')}
          >
            {ZONE_OPTIONS}
          </SelectField>
          <Field
            label={`Starts at (${zoneLabel(timeZone)} time)`}
            type="datetime-local"
            min={earliest}
            max={latest}
            error={errors.startsAt?.message}
            {...register('startsAt')}
          />
          <Field
            label={`Sales end at (${zoneLabel(timeZone)} time)`}
            hint="Optional: leave it empty to sell until the concert starts."
            type="datetime-local"
            min={earliest}
            max={latest}
            error={errors.salesEndAt?.message}
            {...register('salesEndAt')}
          />
          <Field
            label={`Sales open at (${zoneLabel(timeZone)} time)`}
            hint="Optional: leave it empty to open sales as soon as the concert is created."
            type="datetime-local"
            min={earliest}
            max={latest}
            error={errors.onSaleAt?.message}
            {...register('onSaleAt')}
          />
          <Field
            label="Waiting room: shoppers let in per minute"
            hint="Optional: for a rush at on-sale. Early joiners get random places, then this many are let in a minute."
            inputMode="numeric"
            error={errors.admitPerMinute?.message}
            {...register('admitPerMinute')}
          />
          <Field
            label="Tickets per buyer"
            hint="The most one buyer may buy over all their orders, known by email and card. Leave it empty for no limit."
            inputMode="numeric"
            error={errors.maxTicketsPerBuyer?.message}
            {...register('maxTicketsPerBuyer')}
          />
          <Field
            label="Offer minutes"
            hint={`How long tickets that come back are held for the next on a tier’s waiting list: 1 to ${MAX_OFFER_MINUTES.toLocaleString('en-US')} minutes.`}
            inputMode="numeric"
            error={errors.offerMinutes?.message}
            {...register('offerMinutes')}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-lg font-semibold text-slate-900">Ticket tiers</legend>
        <p className="mt-1 text-sm text-slate-600">
          Codes are short names of lowercase letters, digits and hyphens, such as{' '}
          <span className="font-mono">vip</span> or <span className="font-mono">front-row</span>.
          Every tier is priced in the concert&apos;s currency.
        </p>
        <SelectField
          className="mt-4 max-w-48"
          label="Currency"
          error={errors.currency?.message}
          {...register('currency')}
        >
          {CURRENCIES.map((code) => (
            <option key={code}>{code}</option>
          ))}
        </SelectField>
        <ol className="mt-4 space-y-4">
          {tiers.fields.map((tier, index) => {
            const tierErrors = errors.tiers?.[index];
            const n = index + 1;
            return (
              <Card as="li" key={tier.id} className="p-4">
                <div className="grid gap-x-4 gap-y-2 sm:grid-cols-6">
                  <Field
                    className="sm:col-span-2"
                    label={`Tier ${n} code`}
                    spellCheck={false}
                    autoCapitalize="none"
                    error={tierErrors?.code?.message}
                    {...register(`tiers.${index}.code`)}
                  />
                  <Field
                    className="sm:col-span-4"
                    label={`Tier ${n} name`}
                    error={tierErrors?.name?.message}
                    {...register(`tiers.${index}.name`)}
                  />
                  <Field
                    className="sm:col-span-3"
                    label={`Tier ${n} price (${currency})`}
                    inputMode="decimal"
                    placeholder="1,000.50"
                    error={tierErrors?.price?.message}
                    {...register(`tiers.${index}.price`)}
                  />
                  <TierCapacityField
                    className="sm:col-span-3"
                    control={control}
                    register={register}
                    index={index}
                    error={tierErrors?.capacity?.message}
                  />
                </div>
                <Button
                  variant="ghost"
                  onClick={() => {
                    tiers.remove(index);
                  }}
                >
                  {`Remove tier ${n}`}
                </Button>
              </Card>
            );
          })}
        </ol>
        {tiersError && <p className="mt-2 text-sm text-rose-700">{tiersError}</p>}
        <Button
          variant="secondary"
          className="mt-4"
          onClick={() => {
            tiers.append(newTier());
          }}
        >
          Add a tier
        </Button>
      </fieldset>

      <SeatingFieldset
        control={control}
        register={register}
        setValue={setValue}
        errors={errors.seating}
      />

      {errors.root?.server?.message && <Alert tone="error">{errors.root.server.message}</Alert>}
      {create.error && <Alert tone="error">{messageOf(create.error)}</Alert>}

      <Button type="submit" disabled={create.isPending} aria-busy={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create concert'}
      </Button>
    </form>
  );
}
