import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, parsePath, RouterProvider, type RouteObject } from 'react-router';
import { createQueryClient } from '../app/providers';

/**
 * Renders `element` at `path` (a route pattern such as `/concerts/:concertId`) as if the browser
 * were at `url` (its query and fragment too), with the app's query client and a memory router.
 * Other routes render a marker so tests can see where the app navigated.
 */
export function renderRoute(
  element: ReactElement,
  {
    path,
    url,
    state,
    extraRoutes = [],
  }: {
    path: string;
    url: string;
    state?: unknown;
    extraRoutes?: RouteObject[];
  },
) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 0 } });
  const router = createMemoryRouter(
    [
      { path, element },
      ...extraRoutes,
      { path: '*', element: <p data-testid="elsewhere">elsewhere</p> },
    ],
    { initialEntries: [{ ...parsePath(url), state }] },
  );
  const user = userEvent.setup();
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...utils, user, router, queryClient };
}
