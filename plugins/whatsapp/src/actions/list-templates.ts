/** Reference: https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates/ */
import { z } from 'zod';
import { defineWhatsAppAction } from '../auth.ts';
import { graphPath } from '../graph.ts';

const template = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  language: z.string(),
  category: z.string(),
  components: z.array(z.record(z.string(), z.unknown())).default([]),
});

const page = z.object({
  data: z.array(template),
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

export const listTemplates = defineWhatsAppAction({
  description: "The WhatsApp Business Account's message templates, one page at a time",
  input: z.object({
    status: z.enum(['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED']).optional(),
    name: z.string().min(1).optional().describe('Templates whose name contains this'),
    limit: z.number().int().min(1).max(100).default(25),
    after: z.string().min(1).optional().describe('nextCursor of the previous page'),
  }),
  output: z.object({ templates: z.array(template), nextCursor: z.string().nullable() }),
  idempotent: true,
  run: async (input, ctx) => {
    const res = await ctx.http.get(graphPath(`${ctx.connection.params.wabaId}/message_templates`), {
      query: {
        fields: 'id,name,status,language,category,components',
        limit: input.limit,
        ...(input.status ? { status: input.status } : {}),
        ...(input.name ? { name: input.name } : {}),
        ...(input.after ? { after: input.after } : {}),
      },
      schema: page,
    });
    // Graph keeps a cursor on the last page too; only `paging.next` says there is more.
    const more = res.data.paging?.next !== undefined;
    return { templates: res.data.data, nextCursor: more ? (res.data.paging?.cursors?.after ?? null) : null };
  },
});
