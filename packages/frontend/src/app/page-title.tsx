import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useLocation } from 'react-router';

/** The shop's name, as the header shows it: the end of every page's title. */
export const APP_NAME = 'Encore Tickets';

interface TitledPage {
  pathname: string;
  title: string;
}

const PageTitleContext = createContext<(page: TitledPage) => void>(() => undefined);

/**
 * Names the page: `document.title` becomes "`title` — Encore Tickets". `undefined` while the
 * page cannot name itself yet (its concert is loading): the title is then the shop's name alone,
 * never the last page's, and the route announcer waits for the real one.
 */
export function usePageTitle(title: string | undefined): void {
  const titled = useContext(PageTitleContext);
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = title === undefined ? APP_NAME : `${title} — ${APP_NAME}`;
    if (title !== undefined) titled({ pathname, title });
  }, [titled, pathname, title]);
}

/**
 * Tells screen-reader users which page they are on after each move within the app, as a
 * browser does when it loads a page: a polite live region reads the new page's title once it
 * is known, and again when the page becomes another on the same address (signing in). The
 * first page is left to the browser, which reads its title as it loads.
 */
export function RouteAnnouncer({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const [firstPathname] = useState(pathname);
  const lastRef = useRef<TitledPage | null>(null);
  const regionRef = useRef<HTMLDivElement>(null);

  const titled = useCallback(
    (page: TitledPage) => {
      const last = lastRef.current;
      lastRef.current = page;
      const first = last === null && page.pathname === firstPathname;
      const same = last?.pathname === page.pathname && last.title === page.title;
      if (first || same || !regionRef.current) return;
      // Written straight to the DOM, like the availability announcer: nothing visible changes.
      regionRef.current.textContent = page.title;
    },
    [firstPathname],
  );

  return (
    <PageTitleContext value={titled}>
      <div
        ref={regionRef}
        role="status"
        aria-live="polite"
        aria-atomic="true"
        className="sr-only"
        data-testid="route-announcer"
      />
      {children}
    </PageTitleContext>
  );
}
