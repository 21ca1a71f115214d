import { Alert } from '../../../components/alert';
import { ButtonLink } from '../../../components/button';
import type { ExpiryReason } from '../hooks/use-checkout-hold';

const explanations: Record<ExpiryReason, string> = {
  released: 'They were held for a limited time, and that time is up, so they are back on sale.',
  timeout: 'The time to complete your purchase ran out, so they are back on sale.',
  inactive:
    'There was no activity on this page for a while, so they went back on sale for other fans.',
  disconnected:
    'We could not reach the box office for too long to keep them, so they went back on sale.',
};

export function HoldExpired({
  reason,
  concertPath,
}: {
  reason: ExpiryReason;
  concertPath: string;
}) {
  return (
    <div className="max-w-xl">
      <Alert
        tone="warning"
        title="Your tickets were released"
        action={<ButtonLink to={concertPath}>Choose tickets again</ButtonLink>}
      >
        {explanations[reason]} You have not been charged. If there are still tickets left, you can
        choose them again.
      </Alert>
    </div>
  );
}
