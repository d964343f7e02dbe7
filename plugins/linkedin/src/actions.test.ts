/** Wire-level tests of each LinkedIn action against the documented requests and responses. */
import { connectorFailure, createTestHarness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LINKEDIN_VERSION, linkedin } from './index.ts';

const ORG = 'urn:li:organization:2414183';
const POST = 'urn:li:share:6844785523593134080';
const options = {
  credentials: { accessToken: 'AQV-linkedin-test-token-123' },
  connection: { account: { id: '2414183', name: 'Devtestco' } },
};
let h = createTestHarness(linkedin, options);
afterEach(async () => {
  await h.close();
  h = createTestHarness(linkedin, options);
});

describe('createOrgPost', () => {
  it('posts as the chosen organization with the version headers and reads the URN from x-restli-id', async () => {
    h.on('POST', '/rest/posts').reply(201, '', { 'x-restli-id': POST });
    expect(await h.run('createOrgPost', { commentary: 'Launch (v2) #ready @team' })).toEqual({ id: POST });
    const sent = h.requests[0];
    expect(sent?.headers).toMatchObject({
      authorization: 'Bearer AQV-linkedin-test-token-123',
      'linkedin-version': LINKEDIN_VERSION,
      'x-restli-protocol-version': '2.0.0',
    });
    expect(sent?.json()).toEqual({
      author: ORG,
      commentary: 'Launch \\(v2\\) \\#ready \\@team',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    });
  });

  it('attaches an image, and keeps markup when escapeText is false', async () => {
    h.on('POST', '/rest/posts').reply(201, '', { 'x-restli-id': 'urn:li:ugcPost:1' });
    await h.run('createOrgPost', {
      commentary: '#hiring',
      escapeText: false,
      image: { id: 'urn:li:image:C4E10AQFoyyAjHPMQuQ', altText: 'Team photo' },
    });
    expect(h.requests[0]?.json()).toMatchObject({
      commentary: '#hiring',
      content: { media: { id: 'urn:li:image:C4E10AQFoyyAjHPMQuQ', altText: 'Team photo' } },
    });
  });

  it('refuses an image and an article together before calling LinkedIn', async () => {
    const error = await connectorFailure(
      h.run('createOrgPost', {
        commentary: 'x',
        image: { id: 'urn:li:image:abc' },
        article: { source: 'https://example.com/a', title: 'A' },
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', path: 'article' });
    expect(h.requests).toHaveLength(0);
  });

  it('a 201 without x-restli-id is a contract failure, not a silent success', async () => {
    h.on('POST', '/rest/posts').reply(201, '');
    expect(await connectorFailure(h.run('createOrgPost', { commentary: 'x' }))).toMatchObject({ code: 'UPSTREAM_CONTRACT' });
  });
});

describe('uploadImage', () => {
  it('initializes the upload for the organization, then PUTs the bytes to the upload URL', async () => {
    const uploadUrl = 'https://www.linkedin.com/dms-uploads/sp/D4E10AQ/uploaded-image/0?ca=vector_feedshare&cn=uploads';
    h.on('POST', '/rest/images?action=initializeUpload').reply(200, {
      value: { uploadUrlExpiresAt: 1650567510704, uploadUrl, image: 'urn:li:image:C4E10AQFoyyAjHPMQuQ' },
    });
    h.on('PUT', uploadUrl).reply(201);
    // ASCII bytes: the harness records request bodies as text.
    const bytes = Buffer.from('PNG-image-bytes-123');
    const out = await h.run('uploadImage', { image: bytes.toString('base64'), contentType: 'image/png' });
    expect(out).toEqual({ id: 'urn:li:image:C4E10AQFoyyAjHPMQuQ' });
    expect(h.requests[0]?.json()).toEqual({ initializeUploadRequest: { owner: ORG } });
    expect(h.requests[1]?.method).toBe('PUT');
    expect(h.requests[1]?.headers['content-type']).toBe('image/png');
    expect(h.requests[1]?.body).toBe('PNG-image-bytes-123');
  });

  it('refuses an upload URL on a foreign host', async () => {
    h.on('POST', '/rest/images?action=initializeUpload').reply(200, {
      value: { uploadUrl: 'https://evil.example/upload', image: 'urn:li:image:x' },
    });
    expect(await connectorFailure(h.run('uploadImage', { image: 'AAAA' }))).toMatchObject({ code: 'UPSTREAM_CONTRACT' });
    expect(h.requests).toHaveLength(1);
  });
});

describe('listOrgPosts', () => {
  it('finds posts by author (encoded URN, FINDER method) and gives the next offset', async () => {
    h.on('GET', '/rest/posts').reply(200, {
      elements: [
        {
          id: POST,
          commentary: 'Hello',
          lifecycleState: 'PUBLISHED',
          visibility: 'PUBLIC',
          createdAt: 1700000000000,
          publishedAt: 1700000000000,
        },
      ],
      paging: { start: 0, count: 1, total: 3 },
    });
    const out = await h.run('listOrgPosts', { count: 1 });
    expect(out).toEqual({
      posts: [
        {
          id: POST,
          commentary: 'Hello',
          lifecycleState: 'PUBLISHED',
          visibility: 'PUBLIC',
          createdAt: '2023-11-14T22:13:20.000Z',
          publishedAt: '2023-11-14T22:13:20.000Z',
        },
      ],
      total: 3,
      nextStart: 1,
    });
    const url = new URL(h.requests[0]?.url ?? '');
    expect(url.search).toContain(`author=${encodeURIComponent(ORG)}`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ q: 'author', author: ORG, count: '1', start: '0' });
    expect(h.requests[0]?.headers['x-restli-method']).toBe('FINDER');
  });

  it('says there is no next page on the last one', async () => {
    h.on('GET', '/rest/posts').reply(200, { elements: [{ id: POST }], paging: { start: 2, count: 10, total: 3 } });
    expect((await h.run('listOrgPosts', { start: 2 })).nextStart).toBeNull();
  });
});

describe('getOrgStatistics', () => {
  it('reads the lifetime share statistics of the organization', async () => {
    h.on('GET', '/rest/organizationalEntityShareStatistics').reply(200, {
      elements: [
        {
          totalShareStatistics: {
            uniqueImpressionsCount: 1521,
            shareCount: 12,
            engagement: 0.0463,
            clickCount: 240,
            likeCount: 60,
            impressionCount: 6570,
            commentCount: 4,
          },
          organizationalEntity: ORG,
        },
      ],
    });
    expect(await h.run('getOrgStatistics', {})).toEqual({
      organization: ORG,
      impressions: 6570,
      uniqueImpressions: 1521,
      clicks: 240,
      likes: 60,
      comments: 4,
      shares: 12,
      engagement: 0.0463,
    });
    expect(new URL(h.requests[0]?.url ?? '').searchParams.get('organizationalEntity')).toBe(ORG);
  });
});

describe('commentOnPost', () => {
  it('comments as the organization on the encoded post URN', async () => {
    const path = `/rest/socialActions/${encodeURIComponent(POST)}/comments`;
    h.on('POST', path).reply(201, { $URN: 'urn:li:comment:(urn:li:activity:1,2)', id: '2' });
    expect(await h.run('commentOnPost', { post: POST, text: 'Thanks_all' })).toEqual({ id: 'urn:li:comment:(urn:li:activity:1,2)' });
    expect(h.requests[0]?.url).toBe(`https://api.linkedin.com${path}`);
    expect(h.requests[0]?.json()).toEqual({ actor: ORG, object: POST, message: { text: 'Thanks\\_all' } });
  });

  it('refuses something that is not a post URN before calling LinkedIn', async () => {
    expect(await connectorFailure(h.run('commentOnPost', { post: 'urn:li:organization:1', text: 'x' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'post',
    });
    expect(h.requests).toHaveLength(0);
  });
});

describe('deletePost', () => {
  it('deletes by encoded URN and a second delete is NOT_FOUND', async () => {
    const path = `/rest/posts/${encodeURIComponent(POST)}`;
    h.on('DELETE', path).reply(204).reply(404, { status: 404, code: 'NOT_FOUND', message: 'Not found' });
    expect(await h.run('deletePost', { post: POST })).toEqual({ deleted: true });
    expect(await connectorFailure(h.run('deletePost', { post: POST }))).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});

describe('discover', () => {
  it('lists the organizations the member administers, with names from the batch lookup', async () => {
    h.on('GET', '/rest/organizationAcls').reply(200, {
      elements: [
        { roleAssignee: 'urn:li:person:abc', state: 'APPROVED', role: 'ADMINISTRATOR', organization: ORG },
        { roleAssignee: 'urn:li:person:abc', state: 'APPROVED', role: 'ANALYST', organization: 'urn:li:organization:777' },
        { roleAssignee: 'urn:li:person:abc', state: 'APPROVED', role: 'CONTENT_ADMINISTRATOR', organization: 'urn:li:organization:42' },
      ],
    });
    h.on('GET', '/rest/organizations').reply(200, {
      results: { '2414183': { localizedName: 'Devtestco', vanityName: 'devtestco' }, '42': { localizedName: 'Answer Inc' } },
    });
    expect(await h.discover()).toEqual([
      { id: '2414183', name: 'Devtestco', metadata: { urn: ORG, roles: ['ADMINISTRATOR'], vanityName: 'devtestco' } },
      { id: '42', name: 'Answer Inc', metadata: { urn: 'urn:li:organization:42', roles: ['CONTENT_ADMINISTRATOR'] } },
    ]);
    expect(new URL(h.requests[0]?.url ?? '').searchParams.get('q')).toBe('roleAssignee');
    // Rest.li List(...) syntax reaches LinkedIn unencoded.
    expect(h.requests[1]?.url).toBe('https://api.linkedin.com/rest/organizations?ids=List(2414183,42)');
  });
});
