"use client";
import { useEffect, useRef, useState } from "react";
import { ui } from "@/app/_components/ui";
import type { Board } from "@/boards";
import type { SerialPortLike } from "@/app/_flash/types";
import type { SpecNode } from "@/contracts/spec/schema";
import { useGatewayForwarding } from "./use-gateway-forwarding";
import { useSerialMonitor } from "./use-serial-monitor";
import { Spinner } from "../workspace/build-status";

interface Props {
  /** The project, when records may be forwarded to the swarm's broker (the browser gateway). */
  projectId?: string;
  node: SpecNode;
  board: Board;
  /** The port the node was just flashed through; null asks the user for one. */
  port: SerialPortLike | null;
  onClose: () => void;
}

const lineColor = { telemetry: "text-emerald-300", event: "text-amber-300", log: "text-slate-100" } as const;

/** The board's console: raw lines, the latest `@t` value per field and recent `@e` events, live. */
export function SerialMonitor({ projectId, node, board, port, onClose }: Props) {
  const [forward, setForward] = useState(true);
  const gateway = useGatewayForwarding(projectId, node.id, forward);
  const dialog = useRef<HTMLDialogElement>(null);
  const box = useRef<HTMLPreElement>(null);
  const follow = useRef(true);
  const monitor = useSerialMonitor(node.id, board);
  const { state } = monitor;
  const titleId = `monitor-title-${node.id}`;
  const fields = Object.entries(state.fields);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  useEffect(() => {
    if (port) void monitor.open(port);
    // Opens the flashed port once, on mount; a port-less monitor waits for the user's click.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (follow.current) box.current?.scrollTo({ top: box.current.scrollHeight });
  }, [state.lines]);

  const close = async () => {
    await monitor.close();
    onClose();
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        void close();
      }}
      className="m-auto h-[80vh] w-[min(1000px,94vw)] max-w-none flex-col overflow-hidden rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 open:flex"
    >
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-base font-semibold">
            Serial monitor · {node.name} <span className="font-mono text-xs font-normal text-slate-500">{node.id}</span>
          </h2>
          <p className="text-xs text-slate-500" data-testid="monitor-status">
            {state.status === "open" && `Connected at ${board.console.baud.toLocaleString("en-US")} baud`}
            {state.status === "opening" && "Opening the port…"}
            {(state.status === "idle" || state.status === "closed") && "Not connected"}
            {state.status === "error" && <span className="text-rose-700">{state.error}</span>}
          </p>
        </div>
        {state.status !== "open" && state.status !== "opening" && (
          <button type="button" className={ui.buttonPrimary} onClick={() => void monitor.open(null)}>
            Choose serial port
          </button>
        )}
        {state.status === "opening" && <Spinner className="h-4 w-4 text-indigo-600" />}
        {projectId && (
          <label className="flex items-center gap-1.5 text-xs text-slate-600" title={gateway.error ?? undefined}>
            <input type="checkbox" checked={forward} onChange={(event) => setForward(event.target.checked)} />
            Forward records to the swarm
            <span data-testid="gateway-status" className={gateway.error ? "text-rose-700" : "text-slate-500"}>
              {gateway.error ? `(${gateway.error})` : `(${gateway.forwarded} sent)`}
            </span>
          </label>
        )}
        <button type="button" className={ui.buttonGhost} onClick={monitor.clear}>
          Clear
        </button>
        <button type="button" className={ui.buttonSecondary} onClick={() => void close()}>
          Close
        </button>
      </header>
      <div className="flex min-h-0 flex-1">
        <pre
          ref={box}
          tabIndex={0}
          aria-label={`Console of ${node.id}`}
          onScroll={(event) => {
            const el = event.currentTarget;
            follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
          className="min-w-0 flex-1 overflow-auto bg-slate-900 p-3 font-mono text-[11px] leading-relaxed whitespace-pre-wrap break-words"
        >
          {state.lines.length === 0 ? (
            <span className="text-slate-400">No output yet.</span>
          ) : (
            state.lines.map((line) => (
              <div key={line.id} className={lineColor[line.kind]} title={line.malformed}>
                {line.text}
              </div>
            ))
          )}
        </pre>
        <aside
          className="w-[300px] shrink-0 space-y-4 overflow-y-auto border-l border-slate-200 p-3"
          aria-label="Records"
        >
          <section>
            <h3 className={ui.sectionTitle}>Telemetry</h3>
            {fields.length === 0 ? (
              <p className="mt-1 text-xs text-slate-500">No @t records yet.</p>
            ) : (
              <table className="mt-1 w-full text-xs" aria-label={`Latest telemetry of ${node.id}`}>
                <thead>
                  <tr className="text-left text-slate-500">
                    <th className="py-0.5 font-medium">Field</th>
                    <th className="py-0.5 font-medium">Value</th>
                    <th className="py-0.5 text-right font-medium">At</th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map(([field, value]) => (
                    <tr key={field} className="border-t border-slate-100">
                      <th scope="row" className="py-0.5 text-left font-mono font-normal">
                        {field}
                      </th>
                      <td className="py-0.5 font-mono break-all">{value.value}</td>
                      <td className="py-0.5 text-right text-slate-500 tabular-nums">
                        {new Date(value.at).toLocaleTimeString("en-GB")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section>
            <h3 className={ui.sectionTitle}>Events</h3>
            {state.events.length === 0 ? (
              <p className="mt-1 text-xs text-slate-500">No @e records yet.</p>
            ) : (
              <ul className="mt-1 space-y-1 text-xs" aria-label={`Recent events of ${node.id}`}>
                {state.events.map((event) => (
                  <li key={event.id} className="rounded bg-amber-50 px-1.5 py-1 font-mono break-all text-amber-900">
                    <span className="text-amber-700">{new Date(event.at).toLocaleTimeString("en-GB")}</span>{" "}
                    {JSON.stringify(event.record)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </dialog>
  );
}
