import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { linkedin } from './index.ts';

const POST = 'urn:li:share:6844785523593134080';

testConnector(linkedin, {
  credentials: { accessToken: 'AQV-linkedin-test-token-123' },
  connection: { account: { id: '2414183', name: 'Devtestco' } },
  fixtures: {
    createOrgPost: {
      input: { commentary: 'Hello' },
      setup: (h) => h.on('POST', '/rest/posts').reply(201, '', { 'x-restli-id': POST }),
      check: (output, h) => {
        expect(output).toEqual({ id: POST });
        expect(h.requests[0]?.headers['linkedin-version']).toMatch(/^\d{6}$/);
        expect(h.requests[0]?.headers['x-restli-protocol-version']).toBe('2.0.0');
      },
    },
    uploadImage: {
      input: { image: Buffer.from('png-bytes').toString('base64') },
      setup: (h) => {
        h.on('POST', '/rest/images?action=initializeUpload').reply(200, {
          value: { uploadUrl: 'https://www.linkedin.com/dms-uploads/sp/D4E10AQ/up', image: 'urn:li:image:C4E10AQFoyyAjHPMQuQ' },
        });
        h.on('PUT', 'https://www.linkedin.com/dms-uploads/sp/D4E10AQ/up').reply(201);
      },
    },
    listOrgPosts: {
      input: {},
      setup: (h) => h.on('GET', '/rest/posts').reply(200, { elements: [], paging: { start: 0, count: 10, total: 0 } }),
    },
    getOrgStatistics: {
      input: {},
      setup: (h) => h.on('GET', '/rest/organizationalEntityShareStatistics').reply(200, { elements: [] }),
    },
    commentOnPost: {
      input: { post: POST, text: 'Thanks!' },
      setup: (h) => h.on('POST', `/rest/socialActions/${encodeURIComponent(POST)}/comments`).reply(201, {}, { 'x-restli-id': 'c1' }),
    },
    deletePost: {
      input: { post: POST },
      setup: (h) => h.on('DELETE', `/rest/posts/${encodeURIComponent(POST)}`).reply(204),
      check: (_output, h) => expect(h.requests[0]?.url).toBe(`https://api.linkedin.com/rest/posts/${encodeURIComponent(POST)}`),
    },
  },
});
