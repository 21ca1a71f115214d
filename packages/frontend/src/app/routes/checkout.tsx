import { useParams } from 'react-router';
import { CheckoutPage } from '../../features/checkout/components/checkout-page';

export function CheckoutRoute() {
  const { concertId = '' } = useParams();
  // Another concert is another checkout: remounting releases the old hold and starts afresh.
  return <CheckoutPage key={concertId} concertId={concertId} />;
}
