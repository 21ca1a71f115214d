import { useId, type ChangeEvent } from 'react';

const stepButton =
  'grid size-11 place-items-center rounded-lg bg-white text-lg font-semibold text-slate-900 ' +
  'ring-1 ring-slate-300 ring-inset transition-colors hover:bg-slate-50 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ' +
  // Faded, not transparent: the focus outline of a button at its bound must stay clearly visible.
  'aria-disabled:cursor-not-allowed aria-disabled:text-slate-400 aria-disabled:ring-slate-200 ' +
  'aria-disabled:hover:bg-white';

/**
 * − / + buttons around a number field, kept within 0…max. The buttons are aria-disabled rather
 * than disabled at the bounds, so keyboard focus stays on them instead of being dropped.
 */
export function QuantityStepper({
  name,
  value,
  max,
  describedBy,
  onChange,
}: {
  /** What is counted, e.g. "VIP": it names the field and the buttons. */
  name: string;
  value: number;
  max: number;
  /** The id of text that explains the current value, e.g. why it was lowered. */
  describedBy?: string | undefined;
  onChange: (value: number) => void;
}) {
  const inputId = useId();
  const canLower = value > 0;
  const canRaise = value < max;

  function onInput(event: ChangeEvent<HTMLInputElement>) {
    const typed = Number.parseInt(event.target.value, 10);
    onChange(Number.isNaN(typed) ? 0 : Math.max(0, Math.min(typed, max)));
  }

  return (
    <div className="flex shrink-0 items-center gap-2">
      <button
        type="button"
        className={stepButton}
        aria-label={`Remove one ${name} ticket`}
        aria-disabled={!canLower}
        onClick={() => {
          if (canLower) onChange(value - 1);
        }}
      >
        <span aria-hidden="true">−</span>
      </button>
      <label htmlFor={inputId} className="sr-only">
        {name} quantity
      </label>
      <input
        id={inputId}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={1}
        value={value}
        aria-describedby={describedBy}
        onChange={onInput}
        onFocus={(event) => {
          event.target.select();
        }}
        className="h-11 w-16 [appearance:textfield] rounded-lg border-0 bg-white text-center text-base font-semibold text-slate-900 tabular-nums ring-1 ring-slate-300 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none"
      />
      <button
        type="button"
        className={stepButton}
        aria-label={`Add one ${name} ticket`}
        aria-disabled={!canRaise}
        onClick={() => {
          if (canRaise) onChange(value + 1);
        }}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
}
