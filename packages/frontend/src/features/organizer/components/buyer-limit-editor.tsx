import { parseTicketCount } from '../utils/money-input';
import { ConcertSettingEditor } from './concert-setting-editor';

function limitText(max: number | null): string {
  return max === null
    ? 'No limit on the tickets one buyer may buy.'
    : `At most ${max} ${max === 1 ? 'ticket' : 'tickets'} per buyer, over all their orders.`;
}

/**
 * The concert's limit on what one buyer (known by email and card) may buy, and a way to change
 * it: a new limit decides purchases from then on and takes back nothing bought before.
 */
export function BuyerLimitEditor({
  concertId,
  maxTicketsPerBuyer,
  token,
}: {
  concertId: string;
  maxTicketsPerBuyer: number | null;
  token: string;
}) {
  return (
    <ConcertSettingEditor<number | null>
      concertId={concertId}
      token={token}
      value={maxTicketsPerBuyer}
      summary={limitText(maxTicketsPerBuyer)}
      changeLabel="Change the limit per buyer"
      fieldLabel="Tickets per buyer"
      hint="Leave it empty for no limit."
      toInput={(max) => (max === null ? '' : String(max))}
      // Nothing typed lifts the limit.
      parse={(text) => (text.trim() === '' ? { ok: true, value: null } : parseTicketCount(text, 1))}
      toChange={(max) => ({ maxTicketsPerBuyer: max })}
    />
  );
}
