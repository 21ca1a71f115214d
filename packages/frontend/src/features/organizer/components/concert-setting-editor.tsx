import type { UpdateConcertRequest } from '@ticket-booking/shared';
import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { messageOf } from '../../../lib/api-client';
import { useUpdateConcert } from '../api/organizer';

type ParsedSetting<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * One of a concert's settings as a sentence, and a way to change it in place: the typed value is
 * checked as the shared schema does, an unchanged one sends nothing, and the server's refusal is
 * shown in the form.
 */
export function ConcertSettingEditor<T>({
  concertId,
  token,
  value,
  summary,
  changeLabel,
  fieldLabel,
  hint,
  toInput,
  parse,
  toChange,
}: {
  concertId: string;
  token: string;
  value: T;
  summary: ReactNode;
  changeLabel: string;
  fieldLabel: string;
  hint: string;
  toInput: (value: T) => string;
  parse: (text: string) => ParsedSetting<T>;
  toChange: (value: T) => UpdateConcertRequest;
}) {
  const update = useUpdateConcert(concertId, token);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    const parsed = parse(text);
    if (!parsed.ok) {
      setFieldError(parsed.message);
      return;
    }
    setFieldError(undefined);
    if (parsed.value === value) setEditing(false);
    else {
      update.mutate(toChange(parsed.value), {
        onSuccess: () => {
          setEditing(false);
        },
      });
    }
  }

  if (!editing) {
    return (
      <p className="flex flex-wrap items-baseline gap-x-3 text-sm text-slate-700">
        {summary}
        <Button
          variant="ghost"
          onClick={() => {
            setText(toInput(value));
            update.reset();
            setEditing(true);
          }}
        >
          {changeLabel}
        </Button>
      </p>
    );
  }
  return (
    <form noValidate onSubmit={submit} className="rounded-lg bg-slate-50 p-3">
      <Field
        className="max-w-xs"
        label={fieldLabel}
        hint={hint}
        inputMode="numeric"
        value={text}
        error={fieldError}
        onChange={(event) => {
          setText(event.target.value);
        }}
      />
      {update.error && <Alert tone="error">{messageOf(update.error)}</Alert>}
      <div className="mt-3 flex gap-2">
        <Button type="submit" disabled={update.isPending} aria-busy={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </Button>
        <Button
          variant="ghost"
          disabled={update.isPending}
          onClick={() => {
            setEditing(false);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
