/**
 * @module One nodemailer transport per call, built from the connection's credentials. TLS
 * certificates are always verified; `security` picks implicit TLS (465), STARTTLS required
 * (587) or plain (local relays only). The host is chosen by a tenant, so it is resolved once
 * and vetted (no internal addresses in production), and nodemailer connects to that address
 * with the original name for TLS. Errors carry fixed messages: the server's own reply text
 * never reaches the caller (it would make this connector a banner grabber of our network).
 */
import { isIP } from 'node:net';
import { ConnectorError, egressRefusal, type LookupFunction, privateEgressAllowed, resolveVetted } from '@patchbay/sdk';
import nodemailer from 'nodemailer';
import type { SmtpCredentials } from './credentials.ts';

const TIMEOUT_MS = 15_000;

export interface SmtpEgress {
  allowPrivate?: boolean | undefined;
  lookup?: LookupFunction | undefined;
}

/** Resolves and vets the host first; a refused host is INVALID_INPUT with a fixed message. */
export async function createTransport(credentials: SmtpCredentials, egress: SmtpEgress = {}) {
  const host = credentials.host.replace(/^\[|\]$/g, '');
  const address = await resolveVetted(host, {
    allowPrivate: egress.allowPrivate ?? privateEgressAllowed(),
    lookup: egress.lookup,
  }).then(
    (addresses) => (addresses[0] as { address: string }).address,
    (error: unknown) => {
      const internal = egressRefusal(error)?.code === 'EGRESS_INTERNAL';
      throw new ConnectorError(
        'INVALID_INPUT',
        internal ? 'The SMTP host resolves to an internal address' : 'The SMTP host does not resolve',
      );
    },
  );
  return nodemailer.createTransport({
    host: address,
    // Certificates are checked against the name the tenant gave, not the address we dialled.
    ...(isIP(host) === 0 ? { tls: { servername: host } } : {}),
    port: credentials.port,
    secure: credentials.security === 'tls',
    requireTLS: credentials.security === 'starttls',
    ignoreTLS: credentials.security === 'none',
    auth: { user: credentials.username, pass: credentials.password },
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/**
 * SMTP replies (RFC 5321 section 4.2): 535 bad login, 530 auth required, 421/450/451/452 try
 * later, 550/551/553 mailbox problems, 552/554 rejected content; socket errors are UPSTREAM.
 */
export function smtpError(error: unknown): ConnectorError {
  const e = (error ?? {}) as SmtpFailure;
  const status = e.responseCode;
  const providerCode = status ? String(status) : e.code;
  if (e.code === 'EAUTH' || status === 535 || status === 534 || status === 530) {
    return new ConnectorError('AUTH_INVALID', 'The SMTP server refused the login', { providerCode });
  }
  if (status === 421 || status === 450 || status === 451 || status === 452) {
    return new ConnectorError('RATE_LIMITED', 'The SMTP server asked to try later', { providerCode, retryAfterMs: 60_000 });
  }
  if (status === 550 || status === 551 || status === 553 || status === 501 || e.code === 'EENVELOPE') {
    return new ConnectorError('INVALID_INPUT', 'The SMTP server refused a recipient or sender', { providerCode });
  }
  if (status && status >= 500) return new ConnectorError('INVALID_INPUT', 'The SMTP server rejected the message', { providerCode });
  if (e.code === 'ETIMEDOUT') return new ConnectorError('TIMEOUT', 'The SMTP server did not answer in time', { providerCode });
  return new ConnectorError('UPSTREAM', `SMTP delivery failed${e.code ? ` (${e.code})` : ''}`, { providerCode });
}
