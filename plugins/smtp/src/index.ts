import { ConnectorError, defineConnector } from '@patchbay/sdk';
import { sendEmail } from './actions/send-email.ts';
import { smtpAuth } from './credentials.ts';
import { createTransport, smtpError } from './transport.ts';

/**
 * Email through any SMTP server. Not an HTTP connector: it declares no base URLs (so `ctx.http`
 * refuses every host) and talks SMTP through nodemailer. The health check logs in, so a wrong
 * password is caught when the connection is created.
 */
export const smtp = defineConnector({
  id: 'smtp',
  name: 'SMTP email',
  version: '0.1.0',
  description: 'Send email through your own SMTP server or relay (implicit TLS, STARTTLS or plain).',
  auth: smtpAuth,
  baseUrls: [],
  actions: { sendEmail },
  healthCheck: async (ctx) => {
    const transport = await createTransport(ctx.credentials);
    try {
      await transport.verify();
    } catch (error) {
      throw error instanceof ConnectorError ? error : smtpError(error);
    } finally {
      transport.close();
    }
  },
});

export default smtp;
