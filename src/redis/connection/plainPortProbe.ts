/**
 * Tells whether a port speaks plain Redis. A TLS client that meets a plain port sends its ClientHello and waits
 * for an answer that never comes (the server waits for a line end), so the connect would only fail at its
 * timeout with a generic message; a plain PING to the same port answers at once (+PONG, or -NOAUTH/-ERR).
 */
import { connect } from 'node:net';

/** True when host:port answered a plain-text PING with a RESP reply within timeoutMs. */
export function answersPlainRedis(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let settled = false;
    const finish = (plain: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(plain);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setNoDelay(true);
    socket.once('connect', () => socket.write('PING\r\n'));
    // A simple string or an error reply: "+PONG", "-NOAUTH Authentication required.", "-ERR ...".
    socket.once('data', (data: Buffer) => finish(data.length > 0 && (data[0] === 0x2b || data[0] === 0x2d)));
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}

/** The error openConnection reports when a TLS profile points at a plain Redis port. */
export function plainPortError(host: string, port: number): Error {
  return Object.assign(new Error(`TLS handshake got no answer: ${host}:${port} answers plain Redis (ERR_TLS_PLAIN_PORT)`), { code: 'ERR_TLS_PLAIN_PORT' });
}
