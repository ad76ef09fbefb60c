"use client";
import { useState, type FormEvent } from "react";
import { ui } from "@/app/_components/ui";
import { useNodeCommand } from "./use-simulation";

interface Props {
  runId: string | null;
  nodeId: string;
  /** Off when there is no live run to send to. */
  enabled: boolean;
}

/** Sends a line to the node's UART through the swarm's broker (`…/nodes/{id}/command`). */
export function CommandBox({ runId, nodeId, enabled }: Props) {
  const [text, setText] = useState("");
  const command = useNodeCommand(runId, nodeId);
  const inputId = `command-${nodeId}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) command.send(text.trim(), () => setText(""));
  };
  return (
    <form onSubmit={submit} className="space-y-1" aria-label={`Send a command to ${nodeId}`}>
      <label htmlFor={inputId} className={ui.label}>
        Command to {nodeId}
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          className={`${ui.input} font-mono text-xs`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="fan on"
          maxLength={200}
          aria-invalid={Boolean(command.error)}
          aria-describedby={command.error ? `${inputId}-error` : undefined}
        />
        <button
          type="submit"
          className={`${ui.buttonSecondary} shrink-0 text-xs`}
          disabled={!enabled || command.sending || !text.trim()}
        >
          {command.sending ? "Sending…" : "Send"}
        </button>
      </div>
      {command.error && (
        <p id={`${inputId}-error`} role="alert" className="text-xs text-rose-600">
          {command.error}
        </p>
      )}
    </form>
  );
}
