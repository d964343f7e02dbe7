import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SecretOnce } from '../ui/secret-once.tsx';
import { isWebhookEvent } from '../ui/webhook-events.tsx';
import { keyStatus } from './api-keys.tsx';
import { auditFilters } from './audit.tsx';
import { grantableRoles } from './members.tsx';
import { parseScopes } from './oauth-app-form.tsx';

describe('API key status', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it('is revoked over expired over active, and expiry is measured against now', () => {
    expect(keyStatus({ revokedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-11-01T00:00:00Z' }, now)).toBe('revoked');
    expect(keyStatus({ revokedAt: null, expiresAt: '2026-12-02T11:59:59Z' }, now)).toBe('expired');
    expect(keyStatus({ revokedAt: null, expiresAt: '2026-12-02T12:00:01Z' }, now)).toBe('active');
    expect(keyStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
  });
});

describe('roles a person may hand out', () => {
  it('follows the API: only owners grant owner, members grant nothing', () => {
    expect(grantableRoles('owner')).toEqual(['owner', 'admin', 'member']);
    expect(grantableRoles('admin')).toEqual(['admin', 'member']);
    expect(grantableRoles('member')).toEqual([]);
    expect(grantableRoles(undefined)).toEqual([]);
  });
});

describe('OAuth app scopes as typed', () => {
  it('splits on spaces and commas, drops blanks and repeats', () => {
    expect(parseScopes('  read write,admin ,, read ')).toEqual(['read', 'write', 'admin']);
    expect(parseScopes('   ')).toEqual([]);
  });
});

describe('audit filters from the form', () => {
  it('leaves blanks out, trims text and turns local times into instants', () => {
    const blank = { actorType: '', actorId: '', action: '', target: '', from: '', to: '' } as const;
    expect(auditFilters(blank)).toEqual({});
    expect(auditFilters({ ...blank, actorType: 'api_key', action: ' api_key. ', target: ' x ', from: '2026-12-02T10:30' })).toEqual({
      actorType: 'api_key',
      action: 'api_key.',
      target: 'x',
      from: new Date(2026, 11, 2, 10, 30).toISOString(),
    });
  });
});

describe('a secret shown once', () => {
  it('shows the value with a warning and a copy button', () => {
    const markup = renderToStaticMarkup(<SecretOnce title="Your new key" secret="pb_live_abc" onDone={() => {}} />);
    expect(markup).toContain('pb_live_abc');
    expect(markup).toContain('shown only this once');
    expect(markup).toContain('>Copy</button>');
  });
});

describe('webhook event types', () => {
  it('knows the types the API accepts and nothing inherited', () => {
    expect(['run.completed', 'trigger.event', 'run.started', 'toString'].filter(isWebhookEvent)).toEqual([
      'run.completed',
      'trigger.event',
    ]);
  });
});
