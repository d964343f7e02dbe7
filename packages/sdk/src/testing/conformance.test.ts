import { acme } from '../__fixtures__/acme.ts';
import { testConnector } from './conformance.ts';

const ticket = { id: 't1', title: 'Broken' };

testConnector(acme, {
  credentials: { accessToken: 'at-conformance-secret' },
  fixtures: {
    createTicket: { input: { title: 'Broken' }, setup: (h) => h.on('POST', '/tickets').reply(201, ticket) },
    getTicket: { input: { id: 't1' }, setup: (h) => h.on('GET', '/tickets/t1').reply(200, ticket) },
    chargeForm: { input: { amount: 1, metadata: {}, items: [] }, setup: (h) => h.on('POST', '/charges').reply(200, { ok: true }) },
    listTickets: { input: {}, setup: (h) => h.on('GET', '/tickets').reply(200, { items: [ticket] }) },
    fetchUrl: {
      input: { url: 'https://uploads.acme.test/x' },
      setup: (h) => h.on('GET', 'https://uploads.acme.test/x').reply(200, { ok: true }),
    },
    leaky: { input: { mode: 'log' }, setup: () => {} },
  },
});

// A deployment may point a connector at a local sandbox over plain http (engine baseUrls
// override); the suite accepts that, and still refuses plain http to any other host.
const sandboxed = { ...acme, baseUrls: ['http://127.0.0.1:4010/v1', 'https://uploads.acme.test'] };
testConnector(sandboxed, {
  credentials: { accessToken: 'at-conformance-secret' },
  fixtures: {
    createTicket: { input: { title: 'Broken' }, setup: (h) => h.on('POST', '/tickets').reply(201, ticket) },
    getTicket: { input: { id: 't1' }, setup: (h) => h.on('GET', '/tickets/t1').reply(200, ticket) },
    chargeForm: { input: { amount: 1, metadata: {}, items: [] }, setup: (h) => h.on('POST', '/charges').reply(200, { ok: true }) },
    listTickets: { input: {}, setup: (h) => h.on('GET', '/tickets').reply(200, { items: [ticket] }) },
    fetchUrl: {
      input: { url: 'https://uploads.acme.test/x' },
      setup: (h) => h.on('GET', 'https://uploads.acme.test/x').reply(200, { ok: true }),
    },
    leaky: { input: { mode: 'log' }, setup: () => {} },
  },
});
