"use client";
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { Board } from "@/boards";
import { requestConsolePort } from "@/app/_flash/browser/request-target";
import { LineSplitter, parseNodeLine } from "@/contracts/node-lines";
import { publishNodeRecord } from "@/app/_flash/node-records";
import type { SerialPortLike } from "@/app/_flash/types";
import { initialMonitorState, monitorReducer } from "./monitor-state";

interface Session {
  port: SerialPortLike;
  reader: ReadableStreamDefaultReader<Uint8Array> | null;
  closing: boolean;
}

const recoverable = new Set(["BreakError", "FramingError", "ParityError", "BufferOverrunError"]);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Reads a board's console at board.console.baud: lines into the monitor state, every `@t`/`@e`
 * record to publishNodeRecord. `close()` cancels the read, releases the lock and closes the port.
 */
export function useSerialMonitor(nodeId: string, board: Board) {
  const [state, dispatch] = useReducer(monitorReducer, initialMonitorState);
  const session = useRef<Session | null>(null);
  const opening = useRef(false);
  const alive = useRef(true);

  const close = useCallback(async () => {
    const current = session.current;
    if (!current) return;
    session.current = null;
    current.closing = true;
    try {
      await current.reader?.cancel();
    } catch {
      // the stream already failed
    }
    current.reader?.releaseLock();
    await current.port.close().catch(() => {});
    dispatch({ type: "closed" });
  }, []);

  const read = useCallback(
    async (current: Session) => {
      const splitter = new LineSplitter();
      while (!current.closing) {
        const readable = current.port.readable;
        if (!readable) break;
        const reader = readable.getReader();
        current.reader = reader;
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return; // cancelled by close()
            const lines = splitter.push(value).map(parseNodeLine);
            const at = Date.now();
            for (const line of lines) {
              if (line.kind !== "log")
                publishNodeRecord({ nodeId, kind: line.kind, record: line.record, receivedAt: at });
            }
            dispatch({ type: "lines", lines, at });
          }
        } catch (error) {
          if (current.closing) return;
          // Framing, parity and overrun errors leave the port usable with a fresh stream; a lost device does not.
          if (!recoverable.has((error as { name?: string }).name ?? "")) {
            dispatch({ type: "error", message: `The console stopped: ${messageOf(error)}` });
            break;
          }
        } finally {
          if (current.reader === reader) current.reader = null;
          reader.releaseLock();
        }
      }
      if (!current.closing) await close();
    },
    [nodeId, close],
  );

  /** Opens `port` (the one just flashed) or asks the user for one; must run from a click when asking. */
  const open = useCallback(
    async (given: SerialPortLike | null) => {
      if (session.current || opening.current) return;
      opening.current = true;
      try {
        const port = given ?? (await requestConsolePort(board));
        if (!port) return; // the user closed the chooser
        dispatch({ type: "opening" });
        await port.open({ baudRate: board.console.baud });
        if (!alive.current) {
          await port.close().catch(() => {}); // the monitor closed while the port was opening
          return;
        }
        const current: Session = { port, reader: null, closing: false };
        session.current = current;
        dispatch({ type: "open" });
        void read(current);
      } catch (error) {
        dispatch({ type: "error", message: `Could not open the port: ${messageOf(error)}` });
      } finally {
        opening.current = false;
      }
    },
    [board, read],
  );

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      void close();
    };
  }, [close]);

  return { state, open, close, clear: () => dispatch({ type: "clear" }) };
}
