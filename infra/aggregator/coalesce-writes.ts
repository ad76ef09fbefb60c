import type { Writable } from "node:stream";

const coalesced = new WeakSet<Writable>();

/**
 * Makes a connection send what it writes during one turn of the event loop as one write: MQTT libraries write each
 * packet (every PUBACK, every forwarded PUBLISH) with its own system call, which at thousands of QoS 1 messages a
 * second costs more than the rest of the ingest path. The first write of a turn corks the stream and the end of
 * the turn (setImmediate) uncorks it, so nothing waits longer than the turn, and the order of packets is kept.
 */
export function coalesceWrites<T extends Writable>(stream: T): T {
  if (coalesced.has(stream)) return stream;
  coalesced.add(stream);
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = () => {
    corked = false;
    if (!stream.destroyed) stream.uncork();
  };
  stream.write = ((...args: unknown[]) => {
    if (!corked && !stream.destroyed) {
      corked = true;
      stream.cork();
      setImmediate(uncork);
    }
    return write(...args);
  }) as T["write"];
  return stream;
}
