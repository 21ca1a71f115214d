import { useCallback, useState } from 'react';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { DoorCheckIn } from '../../features/tickets/components/door-check-in';
import { DoorTokenPrompt } from '../../features/tickets/components/door-token-prompt';
import { useDoorToken } from '../../features/tickets/hooks/use-door-token';
import { usePageTitle } from '../page-title';

function DoorSignIn({
  refused,
  onSignIn,
}: {
  /** The server stopped taking the token this tab was using. */
  refused: boolean;
  onSignIn: (token: string) => void;
}) {
  usePageTitle('Door sign-in');
  return (
    <div className="space-y-6">
      {refused && (
        <div className="mx-auto max-w-md">
          <Alert tone="info" title="Signed out">
            The server no longer accepts the token this door was using. Enter the current one to go
            on.
          </Alert>
        </div>
      )}
      <DoorTokenPrompt onSignIn={onSignIn} />
    </div>
  );
}

function DoorPage({
  token,
  onSignOut,
  onUnauthorized,
}: {
  token: string;
  onSignOut: () => void;
  onUnauthorized: () => void;
}) {
  usePageTitle('Door check-in');
  return (
    <div>
      <div className="mx-auto mb-6 flex max-w-2xl justify-end border-b border-slate-200 pb-4">
        <Button variant="secondary" onClick={onSignOut}>
          Sign out
        </Button>
      </div>
      <DoorCheckIn token={token} onUnauthorized={onUnauthorized} />
    </div>
  );
}

/**
 * `/door`: checking tickets in, for door staff who hold the door token (or the organizer's), and
 * nothing else: it stands apart from the organizer's pages and their sign-in.
 */
export function DoorRoute() {
  const { token, signIn, signOut } = useDoorToken();
  const [refused, setRefused] = useState(false);
  const unauthorized = useCallback(() => {
    setRefused(true);
    signOut();
  }, [signOut]);
  const signedIn = useCallback(
    (next: string) => {
      setRefused(false);
      signIn(next);
    },
    [signIn],
  );
  if (token === null) return <DoorSignIn refused={refused} onSignIn={signedIn} />;
  return <DoorPage token={token} onSignOut={signOut} onUnauthorized={unauthorized} />;
}
