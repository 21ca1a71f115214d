import { useParams } from 'react-router';
import { useConcert } from '../../features/concerts/api/concerts';
import { useOffer } from '../../features/waiting-list/api/waiting-list';
import { OfferPage } from '../../features/waiting-list/components/offer-page';
import { ApiError } from '../../lib/api-client';
import { usePageTitle } from '../page-title';

/** `/offers/:token`: the link a waiting list's offer is sent with. */
export function OfferRoute() {
  const { token = '' } = useParams();
  const offer = useOffer(token);
  const concert = useConcert(offer.data?.concertId ?? '', { enabled: offer.isSuccess });
  let title: string | undefined;
  if (offer.isError)
    title =
      offer.error instanceof ApiError && offer.error.status === 404
        ? 'Offer not found'
        : 'Your offer';
  else if (concert.data) title = `Your offer — ${concert.data.name}`;
  else if (concert.isError) title = 'Your offer';
  usePageTitle(title);
  // Another offer is another purchase: remounting starts it afresh.
  return <OfferPage key={token} token={token} />;
}
