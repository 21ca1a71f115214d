import { Alert } from '../../../components/alert';
import { ButtonLink } from '../../../components/button';
import type { ExpiryReason } from '../utils/checkout-state';

const RELEASED = 'Your tickets were released';

/** What the shopper is told, by why the tickets went. */
const explanations: Record<ExpiryReason, { title: string; text: string }> = {
  released: {
    title: RELEASED,
    text: 'They were held for a limited time, and that time is up, so they are back on sale.',
  },
  timeout: {
    title: RELEASED,
    text: 'The time to complete your purchase ran out, so they are back on sale.',
  },
  inactive: {
    title: RELEASED,
    text: 'There was no activity on this page for a while, so they went back on sale for other fans.',
  },
  disconnected: {
    title: RELEASED,
    text: 'We could not reach the box office for too long to keep them, so they went back on sale.',
  },
  elsewhere: {
    title: 'These tickets are no longer held here',
    text: 'They were given back or bought in another tab or window. Anything you bought is in My bookings.',
  },
  'sales-closed': {
    title: 'Ticket sales have closed',
    text: 'Sales for this concert ended, so tickets can no longer be held or bought.',
  },
};

export function HoldExpired({
  reason,
  concertPath,
}: {
  reason: ExpiryReason;
  concertPath: string;
}) {
  const { title, text } = explanations[reason];
  const choose = <ButtonLink to={concertPath}>Choose tickets again</ButtonLink>;
  return (
    <div className="max-w-xl">
      <Alert
        tone="warning"
        title={title}
        action={
          reason === 'elsewhere' ? (
            <div className="flex flex-wrap gap-2">
              <ButtonLink to="/bookings">My bookings</ButtonLink>
              {choose}
            </div>
          ) : reason === 'sales-closed' ? (
            <ButtonLink to="/">See upcoming concerts</ButtonLink>
          ) : (
            choose
          )
        }
      >
        {text} You have not been charged{reason === 'elsewhere' ? ' on this page' : ''}.
        {reason === 'sales-closed'
          ? ''
          : ' If there are still tickets left, you can choose them again.'}
      </Alert>
    </div>
  );
}
