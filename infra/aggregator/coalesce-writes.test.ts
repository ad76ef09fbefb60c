import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { coalesceWrites } from "./coalesce-writes";

/** A stream that records each underlying write (one per system call on a socket). */
function recordingStream() {
  const writes: string[] = [];
  const stream = new Writable({
    writev(chunks, callback) {
      writes.push(chunks.map((c) => String(c.chunk)).join(""));
      callback();
    },
    write(chunk, _encoding, callback) {
      writes.push(String(chunk));
      callback();
    },
  });
  return { stream, writes };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("coalesceWrites", () => {
  it("sends the writes of one event-loop turn as one write, in order", async () => {
    const { stream, writes } = recordingStream();
    coalesceWrites(stream);
    for (const packet of ["a", "b", "c"]) stream.write(packet);
    expect(writes).toEqual([]);
    await nextTurn();
    await nextTurn();
    expect(writes).toEqual(["abc"]);
    stream.write("d");
    await nextTurn();
    await nextTurn();
    expect(writes).toEqual(["abc", "d"]);
  });

  it("without it, each write is its own", async () => {
    const { stream, writes } = recordingStream();
    for (const packet of ["a", "b", "c"]) stream.write(packet);
    await nextTurn();
    expect(writes).toEqual(["a", "b", "c"]);
  });

  it("is applied once however often it is called, and leaves a destroyed stream alone", async () => {
    const { stream, writes } = recordingStream();
    coalesceWrites(coalesceWrites(stream));
    stream.write("x");
    stream.write("y");
    await nextTurn();
    await nextTurn();
    expect(writes).toEqual(["xy"]);
    stream.destroy();
    expect(() => stream.write("z")).not.toThrow();
  });
});
