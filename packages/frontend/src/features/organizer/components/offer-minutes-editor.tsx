import { MAX_OFFER_MINUTES } from '@ticket-booking/shared';
import { parseOfferMinutes } from '../utils/offer-minutes';
import { ConcertSettingEditor } from './concert-setting-editor';

/**
 * How long an offer from a waiting list holds its tickets, and a way to change it: the new time
 * applies to offers made from then on.
 */
export function OfferMinutesEditor({
  concertId,
  offerMinutes,
  token,
}: {
  concertId: string;
  offerMinutes: number;
  token: string;
}) {
  return (
    <ConcertSettingEditor
      concertId={concertId}
      token={token}
      value={offerMinutes}
      summary={`Tickets that come back are held for the next on a tier’s waiting list for ${offerMinutes} ${offerMinutes === 1 ? 'minute' : 'minutes'}.`}
      changeLabel="Change the offer time"
      fieldLabel="Offer minutes"
      hint={`From 1 to ${MAX_OFFER_MINUTES.toLocaleString('en-US')} (a day).`}
      toInput={String}
      parse={parseOfferMinutes}
      toChange={(minutes) => ({ offerMinutes: minutes })}
    />
  );
}
