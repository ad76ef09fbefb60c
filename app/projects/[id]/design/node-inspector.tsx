"use client";
import type { Board } from "@/boards";
import { useReadOnly } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import type { SpecNode, SystemSpec } from "@/contracts/spec/schema";
import { nodeIdProblem } from "./rules";
import { removeNodes, renameNodeId, updateNode, type NodePatch } from "./spec-edits";
import type { Edit } from "./use-device-map";
import { BoardField } from "./board-field";
import { Field, InspectorSection } from "./field";
import { NodeIdField } from "./node-id-field";
import { roles, type Role } from "./role-badge";
import { SensorsEditor } from "./sensors-editor";
import { TelemetryEditor } from "./telemetry-editor";

interface Props {
  spec: SystemSpec;
  node: SpecNode;
  boards: readonly Board[];
  edit: Edit;
  onSelectNode: (id: string | null) => void;
}

export function NodeInspector({ spec, node, boards, edit, onSelectNode }: Props) {
  const readOnly = useReadOnly();
  const patch = (change: NodePatch, debounce = false) => edit((s) => updateNode(s, node.id, change), { debounce });
  const rename = (id: string) => {
    edit((s) => renameNodeId(s, node.id, id));
    onSelectNode(id);
  };
  const remove = () => {
    edit((s) => removeNodes(s, [node.id]));
    onSelectNode(null);
  };

  return (
    <div aria-label={`Inspector for ${node.name}`} role="region">
      <div className="flex items-center justify-between gap-2 px-4 py-3">
        <div className="min-w-0">
          <h2 className="truncate text-sm font-semibold text-slate-900">{node.name || "Unnamed node"}</h2>
          <p className="font-mono text-xs text-slate-500">{node.id}</p>
        </div>
        <button
          type="button"
          className={ui.buttonGhost}
          onClick={() => onSelectNode(null)}
          aria-label="Close inspector"
        >
          ✕
        </button>
      </div>

      {/* Read-only: every field below shows its value and takes no input; add/remove buttons are hidden. */}
      <fieldset disabled={readOnly} className={readOnly ? "contents [&_button]:hidden" : "contents"}>
        <InspectorSection title="Identity">
          <Field id="node-name" label="Name">
            <input
              id="node-name"
              className={ui.input}
              value={node.name}
              maxLength={80}
              onChange={(e) => patch({ name: e.target.value }, true)}
            />
          </Field>
          <NodeIdField
            nodeId={node.id}
            problem={(candidate) => nodeIdProblem(spec, node.id, candidate)}
            onRename={rename}
          />
          <fieldset>
            <legend className={ui.label}>Role</legend>
            <div className="mt-1 grid grid-cols-3 gap-1 rounded-md bg-slate-100 p-1">
              {roles.map((role) => (
                <RoleOption key={role} role={role} checked={node.role === role} onChange={() => patch({ role })} />
              ))}
            </div>
          </fieldset>
        </InspectorSection>

        <InspectorSection title="Hardware">
          <BoardField boards={boards} value={node.board} onChange={(board) => patch({ board })} />
        </InspectorSection>

        <InspectorSection title="Behaviour">
          <Field
            id="node-behavior"
            label="What does this node do?"
            hint="Describe in plain words what this node does; the firmware is generated from it."
          >
            <textarea
              id="node-behavior"
              className={`${ui.input} min-h-24`}
              rows={4}
              maxLength={4000}
              placeholder="e.g. Reads soil moisture every minute and raises an alert when it drops below 30 %."
              value={node.behavior}
              onChange={(e) => patch({ behavior: e.target.value }, true)}
            />
          </Field>
        </InspectorSection>

        <InspectorSection title="Sensors">
          <SensorsEditor sensors={node.sensors} onChange={(sensors, debounce) => patch({ sensors }, debounce)} />
        </InspectorSection>

        <InspectorSection title="Telemetry">
          <TelemetryEditor
            telemetry={node.telemetry}
            onChange={(telemetry, debounce) => patch({ telemetry }, debounce)}
          />
        </InspectorSection>
      </fieldset>

      {!readOnly && (
        <div className="border-t border-slate-200 px-4 py-4">
          <button
            type="button"
            className={`${ui.buttonSecondary} w-full !text-rose-600 hover:!bg-rose-50`}
            onClick={remove}
          >
            Delete node
          </button>
          <p className="mt-1 text-center text-xs text-slate-500">
            Its links go too. Restore an older revision to undo.
          </p>
        </div>
      )}
    </div>
  );
}

function RoleOption({ role, checked, onChange }: { role: Role; checked: boolean; onChange: () => void }) {
  return (
    <label
      className={`cursor-pointer rounded px-2 py-1 text-center text-xs font-medium capitalize has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
        checked ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
      }`}
    >
      <input type="radio" name="node-role" value={role} checked={checked} onChange={onChange} className="sr-only" />
      {role}
    </label>
  );
}
