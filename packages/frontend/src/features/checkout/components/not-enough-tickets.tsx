import type { CheckoutItem, Concert, TicketShortfall } from '@ticket-booking/shared';
import { Alert } from '../../../components/alert';
import { Button, ButtonLink } from '../../../components/button';
import { countTickets, trimToAvailable, type ChosenTickets } from '../utils/hold-items';

function tickets(count: number): string {
  return count === 1 ? '1 ticket' : `${count} tickets`;
}

function describeTier(item: CheckoutItem, shortfall: TicketShortfall | undefined): string {
  if (!shortfall) return `all ${tickets(item.quantity)} you asked for`;
  if (shortfall.available <= 0) return `none left (you asked for ${item.quantity})`;
  return `only ${shortfall.available} left (you asked for ${item.quantity})`;
}

/**
 * A 409 on entering checkout: says per tier what is left and offers to hold that instead, with
 * the seats picked on the map, if any, as they were.
 */
export function NotEnoughTickets({
  requested,
  shortfalls,
  concert,
  concertPath,
  onHold,
}: {
  requested: ChosenTickets;
  shortfalls: TicketShortfall[];
  concert: Concert | undefined;
  concertPath: string;
  onHold: (chosen: ChosenTickets) => void;
}) {
  const remaining = trimToAvailable(requested.items, shortfalls);
  const count = countTickets(remaining) + requested.seats.length;
  const tierName = (code: string) =>
    concert?.tiers.find((tier) => tier.code === code)?.name ?? code;

  return (
    <div className="max-w-xl">
      <Alert
        tone="warning"
        title={count > 0 ? 'Not all of those tickets are left' : 'Those tickets are sold out'}
        action={
          <div className="flex flex-wrap gap-3">
            {count > 0 && (
              <Button
                onClick={() => {
                  onHold({ items: remaining, seats: requested.seats });
                }}
              >
                Hold the {count === 1 ? '1 ticket that is' : `${count} tickets that are`} left
              </Button>
            )}
            <ButtonLink to={concertPath} variant={count > 0 ? 'secondary' : 'primary'}>
              {count > 0 ? 'Choose other tickets' : 'Back to the concert'}
            </ButtonLink>
          </div>
        }
      >
        <p>
          {count > 0
            ? 'Other fans got to some of them first. Here is what is left of your order:'
            : 'Other fans got to them first: none of the tickets you chose are left.'}
        </p>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {requested.items.map((item) => (
            <li key={item.tier}>
              <span className="font-medium">{tierName(item.tier)}</span>:{' '}
              {describeTier(
                item,
                shortfalls.find((s) => s.tier === item.tier),
              )}
            </li>
          ))}
          {requested.seats.length > 0 && (
            <li>
              <span className="font-medium">Seats you picked</span>:{' '}
              {requested.seats.length === 1
                ? 'the seat you asked for'
                : `all ${requested.seats.length} you asked for`}
            </li>
          )}
        </ul>
      </Alert>
    </div>
  );
}
