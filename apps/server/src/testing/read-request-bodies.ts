/**
 * @module fetch hands undici's MockAgent request bodies as async generators, which an intercept's
 * reply callback cannot read. This dispatcher interceptor reads the bodies of the requests it is
 * told about first and passes them on as strings, so a faked token endpoint can check what was sent.
 */
import type { Dispatcher } from 'undici';

export function readRequestBodies(matches: (origin: string, path: string) => boolean): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) => {
    const body = opts.body as unknown;
    const streamed = !!body && typeof body === 'object' && Symbol.asyncIterator in body;
    if (!streamed || !matches(String(opts.origin), String(opts.path))) return dispatch(opts, handler);
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
      dispatch({ ...opts, body: Buffer.concat(chunks).toString() }, handler);
    })();
    return true;
  };
}
