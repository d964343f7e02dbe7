/**
 * @module The OpenAPI 3.1 document of the `/v1` REST surface, generated at startup from the
 * installed connectors' zod schemas (zod 4 `toJSONSchema`) and the shapes in rest-schemas.ts.
 * Each action gets its own path and named request and output schemas, so a generated client is
 * typed per action. The tests validate it and check the server's answers against it.
 * `x-patchbay-procedure` names the tRPC procedure each operation calls (and whose access tier it keeps).
 */
import type { AnyConnector } from '@patchbay/sdk';
import { z } from 'zod';
import { PATCHBAY_VERSION } from '../version.ts';
import {
  actionRequest,
  connectionList,
  connectionStatus,
  errorEnvelopeSchema,
  runDetail,
  runPage,
  runStatus,
  runSummary,
  triggerSubscriptionList,
} from './rest-schemas.ts';

type Json = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: Json, extra: Json = {}) => ({ content: { 'application/json': { schema, ...extra } } });

/** Named schemas of one direction, converted together so they refer to each other by `$ref`. */
function components(entries: [string, z.ZodType][], io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  // Two actions may share one schema object (a connector's `issue` for get and create): the
  // registry holds it once, and the later name becomes a `$ref` to the first.
  const aliases: [string, string][] = [];
  for (const [id, schema] of entries) {
    const first = registry.get(schema)?.id;
    if (first === undefined) registry.add(schema, { id });
    else aliases.push([id, first]);
  }
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const out: Record<string, Json> = {};
  for (const [id, { $schema: _s, $id: _i, ...schema }] of Object.entries(schemas)) out[id] = schema;
  for (const [id, first] of aliases) out[id] = ref(first);
  return out;
}

const RATE_LIMITED_EXAMPLE = {
  error: {
    message: 'Rate limited by the provider',
    code: 'TOO_MANY_REQUESTS',
    httpStatus: 429,
    path: 'actions.slack.postMessage',
    requestId: 'req_01',
    reason: 'RATE_LIMITED',
    retryAfterMs: 30000,
    upstreamStatus: 429,
    runId: '0b8f3a52-9a4e-4a57-8f5e-3f1f5b2d7c11',
  },
};

/** Every failure: the envelope, its HTTP status being `error.httpStatus`. */
const FAILURE = {
  default: {
    description: 'A failure: `error.code` (transport) and `error.reason` (precise) say which',
    ...json(ref('Error'), { examples: { rateLimited: { value: RATE_LIMITED_EXAMPLE } } }),
  },
};

const query = (name: string, schema: Json, description?: string) => ({ name, in: 'query', required: false, schema, description });
const uuid = { type: 'string', format: 'uuid' };
const timestamp = { type: 'string', format: 'date-time' };

function actionPath(connector: AnyConnector, name: string) {
  const action = connector.actions[name];
  const id = `${connector.id}.${name}`;
  return {
    post: {
      'x-patchbay-procedure': `actions.${connector.id}.${name}`,
      operationId: `${connector.id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}_${name}`,
      tags: [connector.id],
      summary: action?.description,
      description: `Runs ${connector.name}'s \`${name}\` as the connection named; the call is recorded as a run (channel \`rest\`).`,
      requestBody: { required: true, ...json(ref(`${id}.Request`)) },
      responses: { 200: { description: "The action's output", ...json(ref(`${id}.Output`)) }, ...FAILURE },
    },
  };
}

export function openApiDocument(connectors: readonly AnyConnector[], publicUrl?: string): Json {
  const requests: [string, z.ZodType][] = [];
  const outputs: [string, z.ZodType][] = [
    ['Error', errorEnvelopeSchema],
    ['RunSummary', runSummary],
    ['Run', runDetail],
    ['RunPage', runPage],
    ['ConnectionList', connectionList],
    ['TriggerSubscriptionList', triggerSubscriptionList],
  ];
  const paths: Json = {};
  for (const connector of connectors) {
    for (const [name, action] of Object.entries(connector.actions)) {
      requests.push([`${connector.id}.${name}.Request`, actionRequest(action.input)]);
      outputs.push([`${connector.id}.${name}.Output`, action.output]);
      paths[`/v1/actions/${connector.id}/${name}`] = actionPath(connector, name);
    }
  }
  paths['/v1/runs'] = {
    get: {
      'x-patchbay-procedure': 'runs.list',
      operationId: 'listRuns',
      tags: ['runs'],
      summary: 'Runs, newest first, filtered; pass nextCursor back as cursor for the next page',
      parameters: [
        query('connectionId', uuid),
        query('connectorId', { type: 'string' }),
        query('action', { type: 'string' }),
        query('status', z.toJSONSchema(runStatus) as Json),
        query('from', timestamp, 'Created at or after'),
        query('to', timestamp, 'Created before'),
        query('cursor', { type: 'string' }),
        query('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
      ],
      responses: { 200: { description: 'A page of runs', ...json(ref('RunPage')) }, ...FAILURE },
    },
  };
  paths['/v1/runs/{id}'] = {
    get: {
      'x-patchbay-procedure': 'runs.get',
      operationId: 'getRun',
      tags: ['runs'],
      summary: 'One run with its input, output, error and every attempt at the provider',
      parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
      responses: { 200: { description: 'The run', ...json(ref('Run')) }, ...FAILURE },
    },
  };
  paths['/v1/connections'] = {
    get: {
      'x-patchbay-procedure': 'connections.list',
      operationId: 'listConnections',
      tags: ['connections'],
      summary: "The organization's connections (never their credentials), newest first, a page at a time",
      parameters: [
        query('connectorId', { type: 'string' }),
        query('status', z.toJSONSchema(connectionStatus) as Json),
        query('endUserId', { type: 'string' }),
        query('search', { type: 'string', description: 'Matches the name or the provider account id' }),
        query('cursor', { type: 'string' }),
        query('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
      ],
      responses: { 200: { description: 'A page of connections', ...json(ref('ConnectionList')) }, ...FAILURE },
    },
  };
  paths['/v1/triggers'] = {
    get: {
      'x-patchbay-procedure': 'triggers.list',
      operationId: 'listTriggerSubscriptions',
      tags: ['triggers'],
      summary: "The organization's trigger subscriptions (never their secrets), newest first",
      parameters: [query('connectionId', uuid)],
      responses: { 200: { description: 'The subscriptions', ...json(ref('TriggerSubscriptionList')) }, ...FAILURE },
    },
  };
  const strip = ({ $schema: _, ...s }: Json) => s;
  for (const operation of Object.values(paths) as Json[]) {
    for (const parameter of ((operation.get as Json | undefined)?.parameters ?? []) as Json[])
      parameter.schema = strip(parameter.schema as Json);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Patchbay',
      version: PATCHBAY_VERSION,
      description:
        'Run connector actions and read their run records. Authenticate with an API key (`Authorization: Bearer pbk_...`): its organization is the only one visible.',
    },
    ...(publicUrl ? { servers: [{ url: publicUrl }] } : {}),
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A Patchbay API key (`pbk_...`)' } },
      schemas: { ...components(requests, 'input'), ...components(outputs, 'output') },
    },
  };
}
