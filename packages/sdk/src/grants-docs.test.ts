import { afterEach, describe, expect, it } from 'vitest';
import { documentedBlocks } from './__fixtures__/doc-blocks.ts';
import { drive, driveAuth, reports, reportsAuth } from './__fixtures__/grants-examples.ts';
import { testConnector } from './testing/conformance.ts';
import { createTestHarness } from './testing/harness.ts';

describe('docs/connector-authoring.md grant examples', () => {
  it('every marked block is in the type-checked examples file, as written', async () => {
    const { blocks, examples } = await documentedBlocks('grants-examples.ts');
    expect(blocks.length).toBe(2);
    for (const block of blocks) expect(examples).toContain(block);
  });
});

describe('the documented grant connectors run', () => {
  const harnesses: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((h) => h.close()));
  });

  it('client credentials: the tenant fields are validated and the token goes out as Bearer', async () => {
    expect(reportsAuth.fields.safeParse({ clientId: 'c', clientSecret: 's' }).success).toBe(false);
    const fields = reportsAuth.fields.parse({ clientId: 'c', clientSecret: 's', audience: 'https://api.reports.example.com' });
    expect(reportsAuth.tokenParams?.(fields)).toEqual({ audience: 'https://api.reports.example.com' });
    const h = createTestHarness(reports, { credentials: { accessToken: 'at-reports' } });
    harnesses.push(h);
    h.on('GET', '/v1/reports').reply(200, { data: [{ id: 'r1' }] });
    expect(await h.run('listReports', {})).toEqual({ ids: ['r1'] });
    expect(h.requests[0]?.headers.authorization).toBe('Bearer at-reports');
  });

  it('JWT bearer: a key naming another token endpoint is refused; the token goes out as Bearer', async () => {
    const key = { client_email: 'a@b.iam.gserviceaccount.com', private_key: 'x', private_key_id: 'k' };
    const foreign = driveAuth.fields.safeParse({ serviceAccountKey: { ...key, token_uri: 'https://evil.example.com/token' } });
    expect(foreign.error?.issues.map((i) => i.path.join('.'))).toContain('serviceAccountKey.token_uri');
    const h = createTestHarness(drive, { credentials: { accessToken: 'ya29.test' } });
    harnesses.push(h);
    h.on('GET', '/drive/v3/files').reply(200, { files: [{ name: 'plan.txt' }] });
    expect(await h.run('listFiles', {})).toEqual({ names: ['plan.txt'] });
    expect(h.requests[0]?.headers.authorization).toBe('Bearer ya29.test');
  });
});

// The conformance suite accepts grant connectors (a 401 is AUTH_EXPIRED: the engine runs the grant again).
testConnector(reports, {
  credentials: { accessToken: 'at-conformance-0001' },
  fixtures: { listReports: { input: {}, setup: (h) => h.on('GET', '/v1/reports').reply(200, { data: [{ id: 'r1' }] }) } },
});
