export type { ClientCredentialsRequest, ClientCredentialsServer } from './client-credentials-server.ts';
export { startClientCredentialsServer } from './client-credentials-server.ts';
export type { FakeJwtBearerEndpoint, ReceivedAssertion } from './fake-jwt-bearer-endpoint.ts';
export { generateServiceAccountKey, JWT_BEARER_GRANT, startFakeJwtBearerEndpoint } from './fake-jwt-bearer-endpoint.ts';
