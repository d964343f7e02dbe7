/**
 * @module One nodemailer transport per call, built from the connection's credentials. TLS
 * certificates are always verified; `security` picks implicit TLS (465), STARTTLS required
 * (587) or plain (local relays only).
 */
import { ConnectorError } from '@patchbay/sdk';
import nodemailer from 'nodemailer';
import type { SmtpCredentials } from './credentials.ts';

const TIMEOUT_MS = 15_000;

export function createTransport(credentials: SmtpCredentials) {
  return nodemailer.createTransport({
    host: credentials.host,
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
  const detail = e.response ? `: ${e.response.split('\n')[0]}` : '';
  if (e.code === 'EAUTH' || status === 535 || status === 534 || status === 530) {
    return new ConnectorError('AUTH_INVALID', `The SMTP server refused the login${detail}`, { providerCode });
  }
  if (status === 421 || status === 450 || status === 451 || status === 452) {
    return new ConnectorError('RATE_LIMITED', `The SMTP server asked to try later${detail}`, { providerCode, retryAfterMs: 60_000 });
  }
  if (status === 550 || status === 551 || status === 553 || status === 501 || e.code === 'EENVELOPE') {
    return new ConnectorError('INVALID_INPUT', `The SMTP server refused a recipient or sender${detail}`, { providerCode });
  }
  if (status && status >= 500)
    return new ConnectorError('INVALID_INPUT', `The SMTP server rejected the message${detail}`, { providerCode });
  if (e.code === 'ETIMEDOUT') return new ConnectorError('TIMEOUT', 'The SMTP server did not answer in time', { providerCode });
  return new ConnectorError('UPSTREAM', `SMTP delivery failed${e.code ? ` (${e.code})` : ''}`, { providerCode });
}
