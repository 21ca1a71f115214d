import { ButtonLink } from '../../components/button';
import { usePageTitle } from '../page-title';

export function NotFoundRoute() {
  usePageTitle('Page not found');
  return (
    <div className="py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">This page does not exist</h1>
      <p className="mt-3 text-slate-600">The link may be old, or the address mistyped.</p>
      <ButtonLink to="/" className="mt-6">
        See upcoming concerts
      </ButtonLink>
    </div>
  );
}
