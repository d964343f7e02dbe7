/**
 * @module The routes of the Connectors catalog and Try an action, loaded on first visit: the
 * generated forms and field tables stay out of the first load every other page pays for.
 */
import { lazy, Suspense } from 'react';
import { Loading } from '../ui/query-state.tsx';

const ConnectorsPage = lazy(() => import('./connectors.tsx').then((m) => ({ default: m.ConnectorsPage })));
const ConnectorPage = lazy(() => import('./connector.tsx').then((m) => ({ default: m.ConnectorPage })));
const TryPage = lazy(() => import('./try.tsx').then((m) => ({ default: m.TryPage })));

/** The page for `path` if it is one of these routes (`/connectors`, `/connectors/<id>`, `/try`). */
export function catalogRoute(path: string): React.ReactNode | undefined {
  const connector = /^\/connectors\/([\w.-]+)$/.exec(path)?.[1];
  let page: React.ReactNode;
  if (path === '/connectors') page = <ConnectorsPage />;
  else if (connector) page = <ConnectorPage key={connector} id={connector} />;
  else if (path === '/try') page = <TryPage />;
  else return undefined;
  return <Suspense fallback={<Loading what="the page" />}>{page}</Suspense>;
}
