/**
 * @module The shell: who is signed in decides what shows. Signed out: sign in / sign up pages.
 * Signed in with no organization: create one. Otherwise the navigation, the organization
 * switcher and the page for the URL.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { catalogRoute } from './pages/catalog-routes.tsx';
import { ConnectionsPage } from './pages/connections.tsx';
import { OrgCreatePage } from './pages/org-create.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { RunPage } from './pages/run.tsx';
import { RunsPage } from './pages/runs.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { CheckEmailPage, SignUpPage } from './pages/sign-up.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { currentOrg, errorCode, setCurrentOrg, useTRPC } from './trpc.ts';
import { ErrorMessage, Loading } from './ui/query-state.tsx';
import { SignOutButton } from './ui/sign-out.tsx';

const PUBLIC: Record<string, () => React.ReactNode> = {
  '/signin': () => <SignInPage />,
  '/signup': () => <SignUpPage />,
  '/check-email': () => <CheckEmailPage />,
};

export function App() {
  const trpc = useTRPC();
  const { path } = useLocation();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false }));
  const signedOut = errorCode(me.error) === 'UNAUTHORIZED';
  useEffect(() => {
    if (signedOut && !PUBLIC[path]) navigate('/signin', { replace: true });
  }, [signedOut, path]);
  const publicPage = PUBLIC[path];
  if (publicPage) return publicPage();
  if (me.isPending) return <Loading what="your account" />;
  if (me.error) return signedOut ? null : <ErrorMessage error={me.error} retry={() => me.refetch()} />;
  if (me.data.kind !== 'user')
    return <ErrorMessage error={new Error('The dashboard is for people: sign in with your account, not an API key.')} />;
  const organizations = me.data.organizations;
  if (organizations.length === 0) return <OrgCreatePage first />;
  const org = organizations.find((o) => o.id === currentOrg()) ?? organizations[0];
  if (org && org.id !== currentOrg()) setCurrentOrg(org.id);
  return (
    <Layout organizations={organizations} current={org?.id ?? ''} email={me.data.user.email}>
      <Page path={path} />
    </Layout>
  );
}

function Page({ path }: { path: string }) {
  if (path === '/' || path === '/overview') return <OverviewPage />;
  if (path === '/connections') return <ConnectionsPage />;
  if (path === '/runs') return <RunsPage />;
  const run = /^\/runs\/([0-9a-f-]{36})$/i.exec(path);
  if (run?.[1]) return <RunPage key={run[1]} id={run[1]} />;
  if (path === '/orgs/new') return <OrgCreatePage first={false} />;
  // Connectors catalog and Try an action (w/dash-forms), loaded on first visit.
  const catalog = catalogRoute(path);
  if (catalog) return catalog;
  return (
    <main className="page">
      <h1>Page not found</h1>
      <p>
        <Link href="/">Go to the overview</Link>
      </p>
    </main>
  );
}

const NAV = [
  ['/', 'Overview'],
  ['/connections', 'Connections'],
  ['/runs', 'Runs'],
  // Connectors catalog and Try an action (w/dash-forms).
  ['/connectors', 'Connectors'],
  ['/try', 'Try an action'],
] as const;

function Layout({
  organizations,
  current,
  email,
  children,
}: {
  organizations: { id: string; name: string }[];
  current: string;
  email: string;
  children: React.ReactNode;
}) {
  const queryClient = useQueryClient();
  const { path } = useLocation();
  const switchTo = (id: string) => {
    if (id === '__new') return navigate('/orgs/new');
    setCurrentOrg(id);
    // Every cached answer belongs to the previous organization.
    queryClient.removeQueries({ predicate: (q) => !JSON.stringify(q.queryKey).includes('"me"') });
    navigate('/');
  };
  return (
    <>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Patchbay</span>
        <nav aria-label="Main">
          {NAV.map(([href, label]) => (
            <Link key={href} href={href} aria-current={(href === '/' ? path === '/' : path.startsWith(href)) ? 'page' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        {/* Labelled by id, not by wrapping: a wrapping label would fold the chosen name into the control's name. */}
        <span className="org-switch">
          <label htmlFor="org-switch">Organization</label>
          <select id="org-switch" value={current} onChange={(e) => switchTo(e.target.value)}>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
            <option value="__new">New organization…</option>
          </select>
        </span>
        <span className="muted user">{email}</span>
        <SignOutButton />
      </header>
      <div id="content">{children}</div>
    </>
  );
}
