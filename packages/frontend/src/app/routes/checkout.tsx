import { useParams } from 'react-router';
import { CheckoutPage } from '../../features/checkout/components/checkout-page';
import { useConcert } from '../../features/concerts/api/concerts';
import { usePageTitle } from '../page-title';

export function CheckoutRoute() {
  const { concertId = '' } = useParams();
  const concert = useConcert(concertId);
  let title: string | undefined;
  if (concert.data) title = `Checkout — ${concert.data.name}`;
  else if (concert.isError) title = 'Checkout';
  usePageTitle(title);
  // Another concert is another checkout: remounting releases the old hold and starts afresh.
  return <CheckoutPage key={concertId} concertId={concertId} />;
}
