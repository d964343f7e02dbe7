/**
 * Reference: https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates
 * Approval is asynchronous: the answer's `status` is usually PENDING, and the verdict arrives as a
 * `message_template_status_update` webhook (or through listTemplates).
 */
import { z } from 'zod';
import { defineWhatsAppAction } from '../auth.ts';
import { graphPath } from '../graph.ts';

const component = z
  .object({ type: z.enum(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']), format: z.string().optional(), text: z.string().optional() })
  .catchall(z.unknown());

export const createTemplate = defineWhatsAppAction({
  description: 'Submit a message template for review',
  input: z.object({
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'lowercase letters, digits and underscores'),
    languageCode: z.string().min(2).max(15),
    category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
    components: z
      .array(component)
      .min(1)
      .max(10)
      .refine((cs) => cs.some((c) => c.type === 'BODY'), 'a template needs a BODY component'),
  }),
  output: z.object({ id: z.string(), status: z.string(), category: z.string() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post(graphPath(`${ctx.connection.params.wabaId}/message_templates`), {
      json: { name: input.name, language: input.languageCode, category: input.category, components: input.components },
      schema: z.object({ id: z.string(), status: z.string(), category: z.string() }),
    });
    return res.data;
  },
});
