import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout, LayoutLoading } from './layout';
import { ConcertsRoute } from './routes/concerts';
import { NotFoundRoute } from './routes/not-found';

const LAYOUT_ROUTE_ID = 'layout';

/**
 * Every page but the concert list (where shoppers land) and "not found" comes in a chunk of its
 * own, loaded the first time it is visited; the organizer's pages are not even listed until then.
 */
export const routes: RouteObject[] = [
  {
    id: LAYOUT_ROUTE_ID,
    element: <Layout />,
    hydrateFallbackElement: <LayoutLoading />,
    children: [
      { index: true, element: <ConcertsRoute /> },
      {
        path: 'concerts/:concertId',
        lazy: async () => ({ Component: (await import('./routes/concert')).ConcertRoute }),
      },
      {
        path: 'concerts/:concertId/checkout',
        lazy: async () => ({ Component: (await import('./routes/checkout')).CheckoutRoute }),
      },
      {
        path: 'offers/:token',
        lazy: async () => ({ Component: (await import('./routes/offer')).OfferRoute }),
      },
      {
        path: 'bookings',
        lazy: async () => ({ Component: (await import('./routes/bookings')).BookingsRoute }),
      },
      {
        path: 'bookings/find',
        lazy: async () => ({ Component: (await import('./routes/find-booking')).FindBookingRoute }),
      },
      {
        path: 'bookings/:bookingId',
        lazy: async () => ({ Component: (await import('./routes/booking')).BookingRoute }),
      },
      {
        path: 'tickets/:code',
        lazy: async () => ({ Component: (await import('./routes/ticket')).TicketRoute }),
      },
      {
        path: 'door',
        lazy: async () => ({ Component: (await import('./routes/door')).DoorRoute }),
      },
      {
        path: 'dev/mail',
        lazy: async () => ({ Component: (await import('./routes/dev-mail')).DevMailRoute }),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

function isOrganizerPath(path: string): boolean {
  return path === '/organizer' || path.startsWith('/organizer/');
}

export function createAppRouter() {
  return createBrowserRouter(routes, {
    // The organizer's pages and their routes load together, only when one of them is visited.
    async patchRoutesOnNavigation({ path, patch }) {
      if (!isOrganizerPath(path)) return;
      const { organizerRoutes } = await import('./routes/organizer');
      patch(LAYOUT_ROUTE_ID, [organizerRoutes]);
    },
  });
}
