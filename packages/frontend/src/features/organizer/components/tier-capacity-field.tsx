import type { CreateConcertRequest } from '@ticket-booking/shared';
import type { Control, UseFormRegister } from 'react-hook-form';
import { Field } from '../../../components/field';
import { useTierSeats } from '../hooks/use-seating-form';
import type { ConcertFormValues } from '../utils/concert-form';

/**
 * A new tier's capacity: typed, or, for a tier the seating plan gives seats, its seats, shown and
 * not editable. What was typed is kept for when the plan gives it none again.
 */
export function TierCapacityField({
  control,
  register,
  index,
  error,
  className,
}: {
  control: Control<ConcertFormValues, unknown, CreateConcertRequest>;
  register: UseFormRegister<ConcertFormValues>;
  index: number;
  error: string | undefined;
  className: string;
}) {
  const seats = useTierSeats(control, index);
  const label = `Tier ${index + 1} capacity`;
  // Keyed apart: one input is the form's, the other only shows the seats.
  return seats ? (
    <Field
      key="seats"
      className={`${className} [&_input]:bg-slate-100`}
      label={label}
      hint="Its seats on the seating plan"
      readOnly
      value={seats.count?.toLocaleString('en-US') ?? ''}
      error={error}
    />
  ) : (
    <Field
      key="typed"
      className={className}
      label={label}
      inputMode="numeric"
      error={error}
      {...register(`tiers.${index}.capacity`)}
    />
  );
}
