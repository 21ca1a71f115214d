import { TokenSignIn } from '../../../components/token-sign-in';
import { checkOrganizerToken } from '../api/organizer';

export const NO_ORGANIZER_ACCESS_MESSAGE =
  'This server has no organizer access: it is turned on by setting ADMIN_TOKEN where the server runs.';

/** Asks for the organizer's token and checks it with the server before keeping it. */
export function TokenPrompt({ onSignIn }: { onSignIn: (token: string) => void }) {
  return (
    <TokenSignIn
      title="Organizer sign-in"
      label="Organizer token"
      intro="Enter the organizer token to create concerts and watch their sales. It is kept in this tab only and forgotten when you sign out or close it."
      noAccessMessage={NO_ORGANIZER_ACCESS_MESSAGE}
      check={checkOrganizerToken}
      onSignIn={onSignIn}
    />
  );
}
