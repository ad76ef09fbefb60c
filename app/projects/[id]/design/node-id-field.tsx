"use client";
import { useState } from "react";
import { ui } from "@/app/_components/ui";
import { NODE_ID_HINT } from "./rules";
import { Field } from "./field";

/**
 * The node id names its MQTT topics and its links, so it is committed as a whole (on Enter or when
 * leaving the field) and only when valid; links follow the rename.
 */
export function NodeIdField(props: {
  nodeId: string;
  problem: (candidate: string) => string | null;
  onRename: (id: string) => void;
}) {
  const [draft, setDraft] = useState(props.nodeId);
  const candidate = draft.trim();
  const error = candidate === props.nodeId ? null : props.problem(candidate);

  const commit = () => {
    if (candidate === props.nodeId) return;
    if (error) return;
    props.onRename(candidate);
  };

  return (
    <Field
      id="node-id"
      label="Node id"
      hint={`Names its MQTT topics: ${NODE_ID_HINT}. Press Enter to apply.`}
      error={error}
    >
      <input
        id="node-id"
        className={`${ui.input} font-mono`}
        value={draft}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setDraft(event.target.value.toLowerCase())}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
          if (event.key === "Escape") setDraft(props.nodeId);
        }}
      />
    </Field>
  );
}
