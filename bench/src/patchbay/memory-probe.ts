/**
 * @module Loaded into the Patchbay server under test (`--expose-gc --import`), never into
 * Patchbay itself: on the bench's IPC message it collects garbage fully and answers with the
 * live memory left (V8 heap in use plus memory outside it: Buffers, sockets' JS-side state).
 * S5 reads it with many calls in flight and at rest, so its memory per in-flight call counts
 * what those calls hold, not how far V8 grew its heap. Unlike an inspector session, it costs
 * the server nothing until asked.
 */
export const MEMORY_REQUEST = 'patchbay-bench:memory';

export interface MemoryAnswer {
  type: typeof MEMORY_REQUEST;
  liveBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

if (process.send && gc) {
  process.on('message', (message) => {
    if (message !== MEMORY_REQUEST) return;
    // Twice: the first collection can leave objects that only a second frees (weak references, finalizers).
    gc();
    gc();
    const usage = process.memoryUsage();
    const answer: MemoryAnswer = { type: MEMORY_REQUEST, liveBytes: usage.heapUsed + usage.external };
    process.send?.(answer);
  });
  // The channel alone must not keep the server running once it has closed everything else.
  process.channel?.unref();
}
