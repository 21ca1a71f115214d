import { TokenSignIn } from '../../../components/token-sign-in';
import { checkDoorToken } from '../api/tickets';

export const NO_DOOR_ACCESS_MESSAGE =
  'This server has no door access: it is turned on by setting DOOR_TOKEN or ADMIN_TOKEN where the server runs.';

/** Asks door staff for a token that opens the door, and checks it with the server first. */
export function DoorTokenPrompt({ onSignIn }: { onSignIn: (token: string) => void }) {
  return (
    <TokenSignIn
      title="Door sign-in"
      label="Door token"
      intro="Use the door token or the organizer token to check tickets in at this door. It is kept in this tab only and forgotten when you sign out or close it."
      noAccessMessage={NO_DOOR_ACCESS_MESSAGE}
      check={checkDoorToken}
      onSignIn={onSignIn}
    />
  );
}
