import type { CreateConcertRequest } from '@ticket-booking/shared';
import { useDeferredValue, useId, type ChangeEvent, type ComponentProps } from 'react';
import {
  useFieldArray,
  type Control,
  type FieldErrors,
  type UseFormRegister,
  type UseFormSetValue,
} from 'react-hook-form';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { useSeatingForm } from '../hooks/use-seating-form';
import type { ConcertFormValues } from '../utils/concert-form';
import { newSection, type SeatingValues } from '../utils/seating-form';
import { SeatPlanPreview } from './seat-plan-preview';
import { SeatSectionEditor } from './seat-section-editor';

const KINDS: { value: SeatingValues['kind']; label: string }[] = [
  { value: 'none', label: 'No seats: tickets by tier only' },
  { value: 'build', label: 'Build a seating plan' },
  { value: 'upload', label: 'Upload a seating plan (JSON file)' },
];

const SHAPES: { value: SeatingValues['curved']; label: string }[] = [
  { value: 'curved', label: 'Curved around the stage' },
  { value: 'straight', label: 'Straight' },
];

function Radio({ label, ...input }: { label: string } & ComponentProps<'input'>) {
  return (
    <label className="flex min-h-11 items-center gap-2 text-sm text-slate-900">
      <input type="radio" className="size-4 accent-indigo-600" {...input} />
      {label}
    </label>
  );
}

/**
 * The concert's seating, if it has any: built from sections of rows × seats with price zones by
 * row, or read from a plan's JSON file and checked as the server will check it; either way shown
 * as the map shoppers will see, with each tier's seats.
 */
export function SeatingFieldset({
  control,
  register,
  setValue,
  errors,
}: {
  control: Control<ConcertFormValues, unknown, CreateConcertRequest>;
  register: UseFormRegister<ConcertFormValues>;
  setValue: UseFormSetValue<ConcertFormValues>;
  errors: FieldErrors<SeatingValues> | undefined;
}) {
  const { values, seating, mapTiers: tiers } = useSeatingForm(control);
  const sections = useFieldArray({ control, name: 'seating.sections' });
  const builderErrorId = useId();
  // Typing stays quick while a plan of thousands of seats is drawn again.
  const plan = useDeferredValue(seating.plan);
  const builderError = errors?.sections?.message ?? errors?.sections?.root?.message;

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    const text = await file.text();
    setValue('seating.fileName', file.name);
    setValue('seating.planJson', text, { shouldValidate: true, shouldDirty: true });
  }

  return (
    <fieldset>
      <legend className="text-lg font-semibold text-slate-900">Seating</legend>
      <p className="mt-1 text-sm text-slate-600">
        Optional: sell tiers as seats that shoppers pick on a map. A tier given seats has as many
        tickets as seats.
      </p>
      <fieldset className="mt-3">
        <legend className="text-sm font-medium text-slate-900">How seats are sold</legend>
        {KINDS.map((kind) => (
          <Radio
            key={kind.value}
            label={kind.label}
            value={kind.value}
            {...register('seating.kind')}
          />
        ))}
      </fieldset>

      {values.kind === 'build' && (
        <fieldset className="mt-4" aria-describedby={builderError ? builderErrorId : undefined}>
          <legend className="sr-only">The plan’s sections</legend>
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">Rows</legend>
            <div className="flex flex-wrap gap-x-6">
              {SHAPES.map((shape) => (
                <Radio
                  key={shape.value}
                  label={shape.label}
                  value={shape.value}
                  {...register('seating.curved')}
                />
              ))}
            </div>
          </fieldset>
          <p className="mt-1 text-sm text-slate-600">
            Sections of one level stand side by side facing the stage, each balcony behind the level
            before it. Rows are lettered from the front, A to Z without I.
          </p>
          {tiers.length === 0 && (
            <p className="mt-2 text-sm text-slate-700">
              Give your tiers codes first: each price zone is sold in one of them.
            </p>
          )}
          <ol className="mt-4 space-y-4">
            {sections.fields.map((section, index) => (
              <SeatSectionEditor
                key={section.id}
                index={index}
                control={control}
                register={register}
                errors={errors?.sections?.[index]}
                values={values.sections[index]}
                tiers={tiers}
                onRemove={
                  sections.fields.length > 1
                    ? () => {
                        sections.remove(index);
                      }
                    : undefined
                }
              />
            ))}
          </ol>
          <p id={builderErrorId} className="mt-2 text-sm text-rose-700">
            {builderError}
          </p>
          <Button
            variant="secondary"
            className="mt-2"
            onClick={() => {
              sections.append(newSection(tiers[0]?.code));
            }}
          >
            Add a section
          </Button>
        </fieldset>
      )}

      {values.kind === 'upload' && (
        <div className="mt-4">
          <Field
            type="file"
            accept=".json,application/json"
            label="Seating plan file"
            hint="JSON with the plan’s width, height, stage and sections of rows of seats, each seat with its number, position and, if not its row’s, its tier."
            error={errors?.planJson?.message}
            onChange={(event) => void choose(event)}
          />
          {values.fileName && (
            <p className="text-sm text-slate-600">Plan read from {values.fileName}.</p>
          )}
        </div>
      )}

      {values.kind !== 'none' && (
        <div className="mt-4">
          {plan ? (
            <SeatPlanPreview plan={plan} tiers={tiers} />
          ) : (
            values.kind === 'build' && (
              <p className="text-sm text-slate-600">
                The map shows here once every section has a name, rows, seats and tiers.
              </p>
            )
          )}
        </div>
      )}
    </fieldset>
  );
}
