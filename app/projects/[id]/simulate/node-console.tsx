"use client";
import "@xterm/xterm/css/xterm.css";
import type { Terminal } from "@xterm/xterm";
import { useEffect, useRef } from "react";
import { toTerminalText } from "@/app/_components/terminal-text";

interface Props {
  nodeId: string;
  /** The newest lines, and how many there have been in all: the terminal writes only what it has not shown. */
  lines: readonly string[];
  lineCount: number;
}

/** Columns that fit the console's width at 12 px monospace (about 7.2 px a character), so lines wrap, not clip. */
const columnsFor = (width: number) => Math.max(40, Math.floor((width - 8) / 7.3));

/** A node's console in xterm.js, loaded on the client only (it needs the DOM); it follows the stream as it grows. */
export function NodeConsole({ nodeId, lines, lineCount }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const terminal = useRef<Terminal | null>(null);
  const written = useRef(0);
  const latest = useRef({ lines, lineCount });

  const flush = () => {
    const term = terminal.current;
    const { lines: shown, lineCount: total } = latest.current;
    if (!term || total === written.current) return;
    // A new run (fewer lines than written) starts the terminal afresh.
    if (total < written.current) {
      term.reset();
      written.current = 0;
    }
    const fresh = shown.slice(Math.max(0, shown.length - (total - written.current)));
    // Lines are device output: escape sequences are stripped so they cannot drive the terminal.
    term.write(fresh.map((line) => `${toTerminalText(line)}\r\n`).join(""));
    written.current = total;
  };

  useEffect(() => {
    let disposed = false;
    void import("@xterm/xterm").then(({ Terminal }) => {
      if (disposed || !host.current) return;
      const term = new Terminal({
        rows: 12,
        cols: columnsFor(host.current.clientWidth),
        fontSize: 12,
        disableStdin: true,
        convertEol: true,
        scrollback: 2_000,
        screenReaderMode: false,
        theme: { background: "#0f172a", foreground: "#e2e8f0" },
      });
      term.open(host.current);
      terminal.current = term;
      written.current = 0;
      flush();
    });
    return () => {
      disposed = true;
      terminal.current?.dispose();
      terminal.current = null;
    };
    // flush reads the newest props through a ref: the terminal is made once per node.
  }, [nodeId]);

  useEffect(() => {
    latest.current = { lines, lineCount };
    flush();
  }, [lines, lineCount]);

  return (
    <div
      ref={host}
      role="log"
      aria-label={`Console of ${nodeId}`}
      data-testid={`console-${nodeId}`}
      data-lines={lineCount}
      className="overflow-hidden rounded-md bg-slate-900 p-1"
    />
  );
}
