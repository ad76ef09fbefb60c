"use client";
import { useState, type FormEvent } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import type { DashboardNode } from "./dashboard-state";
import { useNodeCommand } from "./use-dashboard";

/** Per node: online state, its newest value of every field, and a command box. */
export function NodeCards({ projectId, nodes }: { projectId: string; nodes: DashboardNode[] }) {
  return (
    <section aria-labelledby="nodes-title">
      <h2 id="nodes-title" className={ui.sectionTitle}>
        Nodes
      </h2>
      <ul className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {nodes.map((node) => (
          <NodeCard key={node.nodeId} projectId={projectId} node={node} />
        ))}
      </ul>
    </section>
  );
}

function NodeCard({ projectId, node }: { projectId: string; node: DashboardNode }) {
  const values = Object.entries(node.values);
  const readOnly = useReadOnly();
  return (
    <li aria-label={`Node ${node.nodeId}`} className={`${ui.card} p-3`}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-mono text-sm font-semibold text-slate-900">{node.nodeId}</h3>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${
            node.online ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-600"
          }`}
          title={node.reason}
        >
          {node.online ? "Online" : "Offline"}
        </span>
      </div>
      {values.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No data yet.</p>
      ) : (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
          {values.map(([field, value]) => (
            <div key={field} className="contents">
              <dt className="text-slate-500">{field}</dt>
              <dd className="font-mono text-slate-900">{formatValue(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="mt-1 text-xs text-slate-400">
        {node.updatedAt ? `Updated ${new Date(node.updatedAt).toLocaleTimeString()}` : node.reason}
      </p>
      {!readOnly && <CommandForm projectId={projectId} nodeId={node.nodeId} />}
    </li>
  );
}

function formatValue(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return typeof value === "string" ? value : JSON.stringify(value);
}

function CommandForm({ projectId, nodeId }: { projectId: string; nodeId: string }) {
  const command = useNodeCommand(projectId, nodeId);
  const [text, setText] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) command.send(text.trim(), () => setText(""));
  };
  const inputId = `command-${nodeId}`;
  return (
    <form onSubmit={submit} className="mt-3 flex items-end gap-2">
      <div className="min-w-0 flex-1">
        <label htmlFor={inputId} className={ui.label}>
          Command to {nodeId}
        </label>
        <input
          id={inputId}
          value={text}
          onChange={(event) => setText(event.target.value)}
          maxLength={200}
          placeholder="e.g. led on"
          className={`${ui.input} mt-1`}
        />
      </div>
      <button type="submit" className={ui.buttonSecondary} disabled={command.sending || !text.trim()}>
        {command.sending ? "Sending…" : "Send"}
      </button>
      <p aria-live="polite" className="sr-only">
        {command.sentTo ? `Sent to ${command.sentTo}` : ""}
      </p>
      {command.error && (
        <p role="alert" className="text-xs text-rose-700">
          {command.error}
        </p>
      )}
    </form>
  );
}
