import { useMutation } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ApiError, messageOf } from '../../../lib/api-client';
import { checkOrganizerToken } from '../api/organizer';

export const WRONG_TOKEN_MESSAGE = 'That token is not right. Check it and try again.';
export const NO_ORGANIZER_ACCESS_MESSAGE =
  'This server has no organizer access: it is turned on by setting ADMIN_TOKEN where the server runs.';

function problemOf(error: Error | null): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.code === 'UNAUTHORIZED') return WRONG_TOKEN_MESSAGE;
  if (error instanceof ApiError && error.code === 'NOT_FOUND') return NO_ORGANIZER_ACCESS_MESSAGE;
  return messageOf(error);
}

/** Asks for the organizer's token and checks it with the server before keeping it. */
export function TokenPrompt({ onSignIn }: { onSignIn: (token: string) => void }) {
  const id = useId();
  const [token, setToken] = useState('');
  const check = useMutation({
    mutationFn: checkOrganizerToken,
    onSuccess: (_, checked) => {
      onSignIn(checked);
    },
  });
  const problem = problemOf(check.error);
  const empty = token.trim() === '';

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (!empty) check.mutate(token.trim());
  }

  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold tracking-tight">Organizer sign-in</h1>
      <p className="mt-2 text-slate-600">
        Enter the organizer token to create concerts and watch their sales. It is kept in this tab
        only and forgotten when you sign out or close it.
      </p>
      <form noValidate onSubmit={submit} className="mt-6 space-y-4">
        <div>
          <label htmlFor={id} className="block text-sm font-medium text-slate-900">
            Organizer token
          </label>
          <input
            id={id}
            type="password"
            autoComplete="current-password"
            spellCheck={false}
            value={token}
            onChange={(event) => {
              setToken(event.target.value);
            }}
            aria-invalid={problem ? true : undefined}
            className="mt-1.5 block min-h-11 w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none focus:ring-inset"
          />
        </div>
        {problem && <Alert tone="error">{problem}</Alert>}
        <Button type="submit" disabled={empty || check.isPending} aria-busy={check.isPending}>
          {check.isPending ? 'Checking…' : 'Sign in'}
        </Button>
      </form>
    </div>
  );
}
