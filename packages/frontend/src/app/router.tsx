import { createBrowserRouter } from 'react-router';
import { Layout } from './layout';
import { BookingRoute } from './routes/booking';
import { BookingsRoute } from './routes/bookings';
import { CheckoutRoute } from './routes/checkout';
import { ConcertRoute } from './routes/concert';
import { ConcertsRoute } from './routes/concerts';
import { NotFoundRoute } from './routes/not-found';
import { organizerRoutes } from './routes/organizer';

export const routes = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <ConcertsRoute /> },
      { path: 'concerts/:concertId', element: <ConcertRoute /> },
      { path: 'concerts/:concertId/checkout', element: <CheckoutRoute /> },
      { path: 'bookings', element: <BookingsRoute /> },
      { path: 'bookings/:bookingId', element: <BookingRoute /> },
      organizerRoutes,
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
