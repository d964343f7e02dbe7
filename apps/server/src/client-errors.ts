/**
 * @module Answers for requests Node's HTTP parser refuses before any handler sees them (headers
 * too large, malformed request line, header timeout). Node's own answer has no body; ours is
 * the same JSON error shape as every other non-tRPC route, so clients parse one format.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

interface Refusal {
  status: number;
  reason: string;
  code: string;
  message: string;
}

function refusalFor(error: NodeJS.ErrnoException): Refusal {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, reason: 'Request Header Fields Too Large', code: 'PAYLOAD_TOO_LARGE', message: 'Request headers too large' };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, reason: 'Request Timeout', code: 'TIMEOUT', message: 'The request was not received in time' };
  }
  return { status: 400, reason: 'Bad Request', code: 'BAD_REQUEST', message: 'Malformed HTTP request' };
}

/** The JSON body every non-tRPC error answer carries. */
export function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { message, code } });
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset or a socket already answering has nobody left to read an answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const refusal = refusalFor(error);
    const body = errorBody(refusal.code, refusal.message);
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
