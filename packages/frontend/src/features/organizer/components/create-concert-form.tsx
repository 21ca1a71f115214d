import {
  CreateConcertRequestSchema,
  FieldIssueSchema,
  type Concert,
  type CreateConcertRequest,
} from '@ticket-booking/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ApiError, messageOf } from '../../../lib/api-client';
import { useCreateConcert } from '../api/organizer';
import { centsFromInput, isoFromLocalInput, wholeNumberFromInput } from '../utils/money-input';
import { Field, inputClasses } from './field';

type FormInput = CreateConcertRequest;
type FieldName = FieldPath<FormInput>;

const CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
const TIER_FIELDS = ['code', 'name', 'priceCents', 'currency', 'capacity'];

/** A field the server named (`tiers.0.code`) that this form shows, so its error goes there. */
function isFieldName(field: string): field is FieldName {
  if (['name', 'artist', 'venue', 'startsAt', 'tiers'].includes(field)) return true;
  const match = /^tiers\.\d+\.(\w+)$/.exec(field);
  return match?.[1] !== undefined && TIER_FIELDS.includes(match[1]);
}

function newTier(currency: string): FormInput['tiers'][number] {
  return { code: '', name: '', priceCents: 0, currency, capacity: 100 };
}

/**
 * A new concert, checked as it is typed with the schema the server checks it with; what only the
 * server can say (a bad start time by its clock) is shown at the field it names.
 */
export function CreateConcertForm({
  token,
  onCreated,
}: {
  token: string;
  onCreated: (concert: Concert) => void;
}) {
  const create = useCreateConcert(token);
  const {
    register,
    control,
    handleSubmit,
    setError,
    getValues,
    formState: { errors },
  } = useForm<FormInput>({
    resolver: zodResolver(CreateConcertRequestSchema),
    mode: 'onTouched',
    defaultValues: { name: '', artist: '', venue: '', startsAt: '', tiers: [newTier('USD')] },
  });
  const tiers = useFieldArray({ control, name: 'tiers' });
  const tiersError = errors.tiers?.message ?? errors.tiers?.root?.message;

  function onError(error: Error) {
    if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return;
    const issues = FieldIssueSchema.array().safeParse(error.details);
    for (const issue of issues.success ? issues.data : []) {
      if (isFieldName(issue.field)) setError(issue.field, { message: issue.message });
      else setError('root.server', { message: issue.message });
    }
  }

  const submit = handleSubmit((values) => {
    create.mutate(values, { onSuccess: onCreated, onError });
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-8">
      <fieldset>
        <legend className="text-lg font-semibold text-slate-900">The concert</legend>
        <div className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-2">
          <Field label="Name" error={errors.name?.message} {...register('name')} />
          <Field label="Artist" error={errors.artist?.message} {...register('artist')} />
          <Field label="Venue" error={errors.venue?.message} {...register('venue')} />
          <Field
            label="Starts at"
            type="datetime-local"
            error={errors.startsAt?.message}
            {...register('startsAt', { setValueAs: isoFromLocalInput })}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-lg font-semibold text-slate-900">Ticket tiers</legend>
        <p className="mt-1 text-sm text-slate-600">
          Codes are short lowercase names such as <span className="font-mono">vip</span> or{' '}
          <span className="font-mono">ga</span>; prices are in the currency&apos;s units.
        </p>
        <ol className="mt-4 space-y-4">
          {tiers.fields.map((tier, index) => {
            const tierErrors = errors.tiers?.[index];
            const n = index + 1;
            return (
              <li key={tier.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
                <div className="grid gap-x-4 gap-y-2 sm:grid-cols-6">
                  <Field
                    className="sm:col-span-2"
                    label={`Tier ${n} code`}
                    spellCheck={false}
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
                    className="sm:col-span-2"
                    label={`Tier ${n} price`}
                    inputMode="decimal"
                    error={tierErrors?.priceCents?.message}
                    {...register(`tiers.${index}.priceCents`, { setValueAs: centsFromInput })}
                  />
                  <div className="sm:col-span-2">
                    <label
                      htmlFor={`tier-${tier.id}-currency`}
                      className="block text-sm font-medium text-slate-900"
                    >
                      {`Tier ${n} currency`}
                    </label>
                    <select
                      id={`tier-${tier.id}-currency`}
                      aria-invalid={tierErrors?.currency ? true : undefined}
                      aria-describedby={`tier-${tier.id}-currency-error`}
                      className={inputClasses(Boolean(tierErrors?.currency))}
                      {...register(`tiers.${index}.currency`)}
                    >
                      {CURRENCIES.map((currency) => (
                        <option key={currency}>{currency}</option>
                      ))}
                    </select>
                    <p
                      id={`tier-${tier.id}-currency-error`}
                      className="mt-1 min-h-5 text-sm text-rose-700"
                    >
                      {tierErrors?.currency?.message}
                    </p>
                  </div>
                  <Field
                    className="sm:col-span-2"
                    label={`Tier ${n} capacity`}
                    inputMode="numeric"
                    error={tierErrors?.capacity?.message}
                    {...register(`tiers.${index}.capacity`, { setValueAs: wholeNumberFromInput })}
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
              </li>
            );
          })}
        </ol>
        {tiersError && <p className="mt-2 text-sm text-rose-700">{tiersError}</p>}
        <Button
          variant="secondary"
          className="mt-4"
          onClick={() => {
            tiers.append(newTier(getValues('tiers.0.currency') || 'USD'));
          }}
        >
          Add a tier
        </Button>
      </fieldset>

      {errors.root?.server?.message && <Alert tone="error">{errors.root.server.message}</Alert>}
      {create.error && <Alert tone="error">{messageOf(create.error)}</Alert>}

      <Button type="submit" disabled={create.isPending} aria-busy={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create concert'}
      </Button>
    </form>
  );
}
