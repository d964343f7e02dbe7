/**
 * @module The shell: who is signed in decides what shows. Signed out: sign in / sign up pages.
 * Signed in with no organization: create one. Otherwise the navigation, the organization
 * switcher and the page for the URL.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { AcceptInvitationPage } from './pages/accept-invitation.tsx';
import { ApiKeysPage } from './pages/api-keys.tsx';
import { AuditPage } from './pages/audit.tsx';
import { catalogRoute } from './pages/catalog-routes.tsx';
import { ConnectPage } from './pages/connect.tsx';
import { ConnectionPage } from './pages/connection.tsx';
import { ConnectionsPage } from './pages/connections.tsx';
import { ForgotPasswordPage } from './pages/forgot-password.tsx';
import { MembersPage } from './pages/members.tsx';
import { OAuthAppsPage } from './pages/oauth-apps.tsx';
import { OrgCreatePage } from './pages/org-create.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { ResetPasswordPage } from './pages/reset-password.tsx';
import { RunPage } from './pages/run.tsx';
import { RunsPage } from './pages/runs.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { CheckEmailPage, SignUpPage } from './pages/sign-up.tsx';
import { VerifyEmailPage } from './pages/verify-email.tsx';
import { WebhookPage } from './pages/webhook.tsx';
import { WebhookDeliveryPage } from './pages/webhook-delivery.tsx';
import { WebhooksPage } from './pages/webhooks.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import { currentOrg, errorCode, setCurrentOrg, useTRPC } from './trpc.ts';
import { ErrorMessage, Loading } from './ui/query-state.tsx';
import { SignOutButton } from './ui/sign-out.tsx';

const PUBLIC: Record<string, () => React.ReactNode> = {
  '/signin': () => <SignInPage />,
  '/signup': () => <SignUpPage />,
  '/check-email': () => <CheckEmailPage />,
  // Account pages: mailed links open them, signed in or not (issue 16, dash-connect).
  '/forgot-password': () => <ForgotPasswordPage />,
  '/verify-email': () => <VerifyEmailPage />,
  '/reset-password': () => <ResetPasswordPage />,
  '/accept-invitation': () => <AcceptInvitationPage />,
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
  // Connect and one connection's page (issue 16, dash-connect).
  if (path === '/connections/new') return <ConnectPage />;
  const connection = /^\/connections\/([0-9a-f-]{36})$/i.exec(path);
  if (connection?.[1]) return <ConnectionPage key={connection[1]} id={connection[1]} />;
  if (path === '/runs') return <RunsPage />;
  const run = /^\/runs\/([0-9a-f-]{36})$/i.exec(path);
  if (run?.[1]) return <RunPage key={run[1]} id={run[1]} />;
  if (path === '/orgs/new') return <OrgCreatePage first={false} />;
  // Admin pages (issue 16): keys, people, OAuth apps, webhooks, audit log.
  if (path === '/api-keys') return <ApiKeysPage />;
  if (path === '/members') return <MembersPage />;
  if (path === '/oauth-apps') return <OAuthAppsPage />;
  if (path === '/webhooks') return <WebhooksPage />;
  const hook = /^\/webhooks\/([0-9a-f-]{36})(?:\/deliveries\/([0-9a-f-]{36}))?$/i.exec(path);
  if (hook?.[1] && hook[2]) return <WebhookDeliveryPage key={hook[2]} endpointId={hook[1]} id={hook[2]} />;
  if (hook?.[1]) return <WebhookPage key={hook[1]} id={hook[1]} />;
  if (path === '/audit') return <AuditPage />;
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
  // Admin pages (issue 16).
  ['/api-keys', 'API keys'],
  ['/members', 'Members'],
  ['/oauth-apps', 'OAuth apps'],
  ['/webhooks', 'Webhooks'],
  ['/audit', 'Audit log'],
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
