import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import config from '../../../../patchbay.config.ts';
import { actionTools, listTools } from './mcp-tools.ts';
import { openApiDocument } from './openapi-document.ts';

/** The repository's own deployment: every shipped connector's schemas must make a valid document and valid tools. */
describe("the deployment's connectors", () => {
  it('make a valid OpenAPI 3.1 document with one path per action', async () => {
    const doc = openApiDocument(config.connectors, 'https://patchbay.example.com');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    const actions = config.connectors.flatMap((c) => Object.keys(c.actions).map((a) => `/v1/actions/${c.id}/${a}`));
    expect(Object.keys(doc.paths as object).filter((p) => p.startsWith('/v1/actions/'))).toEqual(actions);
  });

  it('make MCP tools whose names follow the MCP rules and whose input schemas are objects', () => {
    const tools = actionTools(config.connectors);
    const connections = config.connectors.map((c, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      name: c.name,
      connectorId: c.id,
      status: 'active',
    }));
    const listed = listTools(tools, connections);
    expect(listed.length).toBe(tools.size + 1);
    for (const tool of listed) {
      expect(tool.name).toMatch(/^[A-Za-z0-9_.-]{1,128}$/);
      expect(tool.inputSchema.type).toBe('object');
      if (tool.name !== 'patchbay_list_connections') expect(tool.inputSchema.required).toContain('connectionId');
      expect(tool.outputSchema?.type).toBe('object');
    }
  });
});
