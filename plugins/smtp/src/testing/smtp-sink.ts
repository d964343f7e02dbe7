/**
 * @module A real SMTP server for tests (smtp-server, from nodemailer's authors) on 127.0.0.1:
 * it checks the login, can refuse recipients or defer, and keeps each message with its
 * envelope, parsed by mailparser.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  received: Received[];
  /** The reply code for the next messages' RCPT TO of addresses starting with "reject" (550) or for DATA (421). */
  deferNext: boolean;
  close(): Promise<void>;
}

export async function startSmtpSink(login: { username: string; password: string }): Promise<SmtpSink> {
  const received: Received[] = [];
  const state = { deferNext: false };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.username && auth.password === login.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('reject')) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.deferNext) {
          state.deferNext = false;
          callback(Object.assign(new Error('Try again later'), { responseCode: 421 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const mailFrom = session.envelope.mailFrom;
        simpleParser(raw).then((parsed) => {
          received.push({
            envelope: { from: mailFrom ? mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
            raw,
            parsed,
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(state, {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
