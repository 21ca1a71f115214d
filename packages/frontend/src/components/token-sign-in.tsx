import { useMutation } from '@tanstack/react-query';
import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { ApiError, messageOf } from '../lib/api-client';
import { Alert } from './alert';
import { Button } from './button';

export const WRONG_TOKEN_MESSAGE = 'That token is not right. Check it and try again.';

function problemOf(error: Error | null, noAccessMessage: string): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.code === 'UNAUTHORIZED') return WRONG_TOKEN_MESSAGE;
  if (error instanceof ApiError && error.code === 'NOT_FOUND') return noAccessMessage;
  return messageOf(error);
}

/**
 * Asks for a bearer token in a password field and has `check` try it with the server before
 * `onSignIn` keeps it. `check` throws the ApiError of a refusal: 401 UNAUTHORIZED for a wrong
 * token, 404 NOT_FOUND from a server with this access turned off (`noAccessMessage` says so).
 */
export function TokenSignIn({
  title,
  label,
  intro,
  noAccessMessage,
  check,
  onSignIn,
}: {
  title: string;
  label: string;
  intro: ReactNode;
  noAccessMessage: string;
  check: (token: string) => Promise<void>;
  onSignIn: (token: string) => void;
}) {
  const id = useId();
  const [token, setToken] = useState('');
  const checking = useMutation({
    mutationFn: check,
    onSuccess: (_, checked) => {
      onSignIn(checked);
    },
  });
  const problem = problemOf(checking.error, noAccessMessage);
  const empty = token.trim() === '';

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (!empty) checking.mutate(token.trim());
  }

  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      <p className="mt-2 text-slate-600">{intro}</p>
      <form noValidate onSubmit={submit} className="mt-6 space-y-4">
        <div>
          <label htmlFor={id} className="block text-sm font-medium text-slate-900">
            {label}
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
        <Button type="submit" disabled={empty || checking.isPending} aria-busy={checking.isPending}>
          {checking.isPending ? 'Checking…' : 'Sign in'}
        </Button>
      </form>
    </div>
  );
}
