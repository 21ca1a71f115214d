import type { Concert, SeatsApart as SeatsApartDetails } from '@ticket-booking/shared';
import { Alert } from '../../../components/alert';
import { Button, ButtonLink } from '../../../components/button';
import type { ChosenTickets } from '../utils/hold-items';

function whatIsLeft(name: string, { requested, together }: SeatsApartDetails): string {
  if (together === 0) return `No seats are left in ${name}.`;
  if (together === 1) return `Only single seats are left in ${name}, not ${requested} together.`;
  return `Only ${together} seats together are left in ${name}; you asked for ${requested}.`;
}

/**
 * A 409 NO_SEATS_TOGETHER on entering checkout: "best available" found fewer seats side by side
 * in the zone than asked for. Says how many are, offers to hold those, or to pick seats on the
 * map, where they need not be together, keeping the rest of the order.
 */
export function SeatsApart({
  requested,
  apart,
  concert,
  concertPath,
  onHold,
}: {
  requested: ChosenTickets;
  apart: SeatsApartDetails;
  concert: Concert | undefined;
  concertPath: string;
  onHold: (chosen: ChosenTickets) => void;
}) {
  const name = concert?.tiers.find((tier) => tier.code === apart.tier)?.name ?? apart.tier;
  const others = requested.items.filter((item) => item.tier !== apart.tier);
  const { together } = apart;

  return (
    <div className="max-w-xl">
      <Alert
        tone="warning"
        title="Not enough seats together"
        action={
          <div className="flex flex-wrap gap-3">
            {together > 0 && (
              <Button
                onClick={() => {
                  onHold({
                    items: requested.items.map((item) =>
                      item.tier === apart.tier ? { tier: item.tier, quantity: together } : item,
                    ),
                    seats: requested.seats,
                  });
                }}
              >
                {together === 1 ? 'Hold 1 seat instead' : `Hold ${together} seats together instead`}
              </Button>
            )}
            <ButtonLink
              to={concertPath}
              state={{ items: others, seats: requested.seats }}
              variant={together > 0 ? 'secondary' : 'primary'}
            >
              Pick seats on the map
            </ButtonLink>
          </div>
        }
      >
        <p>{whatIsLeft(name, apart)}</p>
        {together > 0 && (
          <p className="mt-1">On the map you can pick seats that are not side by side.</p>
        )}
      </Alert>
    </div>
  );
}
