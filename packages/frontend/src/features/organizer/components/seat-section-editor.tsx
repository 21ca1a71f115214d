import type { CreateConcertRequest } from '@ticket-booking/shared';
import {
  useFieldArray,
  type Control,
  type FieldErrors,
  type UseFormRegister,
} from 'react-hook-form';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Field, SelectField } from '../../../components/field';
import type { ConcertFormValues } from '../utils/concert-form';
import { LEVELS, zoneRows, type SectionValues } from '../utils/seating-form';

/** A tier a zone can be sold in: its code, and its name (its code until it has one). */
interface TierChoice {
  code: string;
  name: string;
}

/**
 * One block of a plan being built: its name, rows × seats, aisles and level, and its price zones
 * by row from the front, the last taking the rows the others leave.
 */
export function SeatSectionEditor({
  index,
  control,
  register,
  errors,
  values,
  tiers,
  onRemove,
}: {
  index: number;
  control: Control<ConcertFormValues, unknown, CreateConcertRequest>;
  register: UseFormRegister<ConcertFormValues>;
  errors: FieldErrors<SectionValues> | undefined;
  /** The section as typed, for the rows each zone covers. */
  values: SectionValues | undefined;
  tiers: readonly TierChoice[];
  /** Absent while it is the only section. */
  onRemove: (() => void) | undefined;
}) {
  const zones = useFieldArray({ control, name: `seating.sections.${index}.zones` });
  const ranges = values ? zoneRows(values) : [];
  const n = index + 1;
  const zonesError = errors?.zones?.message ?? errors?.zones?.root?.message;
  // A zone added behind the others is offered the tier listed after the last one’s.
  const lastTier = values?.zones.at(-1)?.tier;
  const nextTier = tiers[tiers.findIndex((tier) => tier.code === lastTier) + 1]?.code ?? '';
  return (
    <Card as="li" className="p-4">
      <div className="grid gap-x-4 gap-y-2 sm:grid-cols-2">
        <Field
          label={`Section ${n} name`}
          placeholder="Stalls"
          error={errors?.name?.message}
          {...register(`seating.sections.${index}.name`)}
        />
        <SelectField
          label={`Section ${n} level`}
          error={errors?.level?.message}
          {...register(`seating.sections.${index}.level`)}
        >
          {LEVELS.map((level, value) => (
            <option key={level} value={value}>
              {level}
            </option>
          ))}
        </SelectField>
        <Field
          label={`Section ${n} rows`}
          inputMode="numeric"
          error={errors?.rows?.message}
          {...register(`seating.sections.${index}.rows`)}
        />
        <Field
          label={`Section ${n} seats per row`}
          inputMode="numeric"
          error={errors?.seatsPerRow?.message}
          {...register(`seating.sections.${index}.seatsPerRow`)}
        />
        <Field
          className="sm:col-span-2"
          label={`Section ${n} seats between aisles`}
          hint="Optional: an aisle after every this many seats of a row. Leave it empty for none."
          inputMode="numeric"
          error={errors?.aisleEvery?.message}
          {...register(`seating.sections.${index}.aisleEvery`)}
        />
      </div>
      <fieldset className="mt-2">
        <legend className="text-sm font-medium text-slate-900">
          {`Section ${n} price zones, from the front row back`}
        </legend>
        <ol className="mt-2 space-y-2">
          {zones.fields.map((zone, z) => {
            const last = z === zones.fields.length - 1;
            const range = ranges[z];
            const zoneErrors = errors?.zones?.[z];
            return (
              <li key={zone.id} className="grid gap-x-4 sm:grid-cols-2">
                <SelectField
                  label={`Section ${n} zone ${z + 1} tier`}
                  error={zoneErrors?.tier?.message}
                  {...register(`seating.sections.${index}.zones.${z}.tier`)}
                >
                  <option value="">Choose a tier</option>
                  {tiers.map((tier) => (
                    <option key={tier.code} value={tier.code}>
                      {tier.name ? `${tier.name} (${tier.code})` : tier.code}
                    </option>
                  ))}
                </SelectField>
                {last ? (
                  <p className="text-sm text-slate-700 sm:pt-8">
                    {z === 0 ? 'Every row' : 'The rows left'}
                    {range && `: ${range}`}
                  </p>
                ) : (
                  <Field
                    label={`Section ${n} zone ${z + 1} rows`}
                    hint={range ?? 'How many rows, from the front'}
                    inputMode="numeric"
                    error={zoneErrors?.rows?.message}
                    {...register(`seating.sections.${index}.zones.${z}.rows`)}
                  />
                )}
                {zones.fields.length > 1 && (
                  <Button
                    variant="ghost"
                    className="justify-self-start sm:col-span-2"
                    onClick={() => {
                      zones.remove(z);
                    }}
                  >
                    {`Remove zone ${z + 1} of section ${n}`}
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
        {zonesError && <p className="mt-2 text-sm text-rose-700">{zonesError}</p>}
        <Button
          variant="secondary"
          className="mt-2"
          onClick={() => {
            zones.append({ tier: nextTier, rows: '' });
          }}
        >
          {`Add a price zone to section ${n}`}
        </Button>
      </fieldset>
      {onRemove && (
        <Button variant="ghost" className="mt-2" onClick={onRemove}>
          {`Remove section ${n}`}
        </Button>
      )}
    </Card>
  );
}
