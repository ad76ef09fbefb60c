"use client";
import dynamic from "next/dynamic";
import { useState, type FormEvent } from "react";
import { ui } from "@/app/_components/ui";
import type { SourceFile } from "./use-firmware";

const CodeEditor = dynamic(() => import("./code-editor"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-slate-500">Loading editor…</p>,
});

interface Props {
  files: SourceFile[];
  editing: boolean;
  onChange: (files: SourceFile[]) => void;
}

/** A tab per file and the editor for the open one; while editing, files can be added and removed. */
export function SourceFiles({ files, editing, onChange }: Props) {
  const [activePath, setActivePath] = useState<string | null>(null);
  const [newPath, setNewPath] = useState("");
  const active = files.find((file) => file.path === activePath) ?? files[0] ?? null;

  const addFile = (event: FormEvent) => {
    event.preventDefault();
    const path = newPath.trim();
    if (!path) return;
    if (!files.some((file) => file.path === path)) onChange([...files, { path, content: "" }]);
    setActivePath(path);
    setNewPath("");
  };
  const update = (content: string) =>
    onChange(files.map((file) => (file.path === active?.path ? { ...file, content } : file)));
  const remove = () => {
    onChange(files.filter((file) => file.path !== active?.path));
    setActivePath(null);
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="border-b border-slate-200 px-4">
        <div role="tablist" aria-label="Files" className="-mb-px flex min-w-0 gap-0.5 overflow-x-auto">
          {files.map((file) => {
            const selected = file.path === active?.path;
            return (
              <button
                key={file.path}
                type="button"
                role="tab"
                id={`source-tab-${file.path}`}
                aria-selected={selected}
                aria-controls="source-tabpanel"
                onClick={() => setActivePath(file.path)}
                className={`shrink-0 border-b-2 px-2.5 py-1.5 font-mono text-xs ${
                  selected
                    ? "border-indigo-600 text-indigo-700"
                    : "border-transparent text-slate-600 hover:text-slate-900"
                }`}
              >
                {file.path}
              </button>
            );
          })}
        </div>
      </div>
      <div
        id="source-tabpanel"
        role="tabpanel"
        aria-labelledby={active ? `source-tab-${active.path}` : undefined}
        className="relative min-h-0 flex-1"
      >
        {active ? (
          <CodeEditor
            key={`${active.path}:${editing}`}
            initialValue={active.content}
            readOnly={!editing}
            label={`${active.path}${editing ? "" : " (read-only)"}`}
            onChange={update}
          />
        ) : (
          <p className="p-4 text-sm text-slate-500">No files.</p>
        )}
      </div>
      {editing && (
        <div className="flex items-center gap-2 border-t border-slate-200 bg-slate-50 px-4 py-2">
          <form onSubmit={addFile} className="flex items-center gap-1.5">
            <label htmlFor="new-source-path" className="text-xs whitespace-nowrap text-slate-600">
              New file
            </label>
            <input
              id="new-source-path"
              className={`${ui.input} w-44 py-1 font-mono text-xs`}
              placeholder="sensors.c"
              value={newPath}
              onChange={(event) => setNewPath(event.target.value)}
            />
            <button
              type="submit"
              className={`${ui.buttonSecondary} py-1 text-xs whitespace-nowrap`}
              disabled={!newPath.trim()}
            >
              Add file
            </button>
          </form>
          {active && files.length > 1 && (
            <button
              type="button"
              onClick={remove}
              className={`${ui.buttonGhostDanger} ml-auto text-xs whitespace-nowrap`}
            >
              Remove {active.path}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
