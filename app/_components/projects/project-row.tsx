"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { formatDateTime, formatRelativeTime, plural } from "../format";
import { ui } from "../ui";
import { useDeleteProject, useRenameProject } from "./use-projects";

export interface ProjectSummary {
  id: string;
  name: string;
  nodeCount: number;
  revision: number;
  updatedAt: string;
}

type Mode = "view" | "rename" | "confirm-delete";

export function ProjectRow({ project }: { project: ProjectSummary }) {
  const [mode, setMode] = useState<Mode>("view");
  return (
    <li className="flex flex-wrap items-center gap-3 px-5 py-4" data-testid={`project-${project.id}`}>
      {mode === "rename" ? (
        <RenameForm project={project} onDone={() => setMode("view")} />
      ) : (
        <ProjectSummaryView project={project} />
      )}
      {mode === "view" && (
        <div className="flex gap-1">
          <button
            type="button"
            className={ui.buttonGhost}
            onClick={() => setMode("rename")}
            aria-label={`Rename ${project.name}`}
          >
            Rename
          </button>
          <button
            type="button"
            className={ui.buttonGhostDanger}
            onClick={() => setMode("confirm-delete")}
            aria-label={`Delete ${project.name}`}
          >
            Delete
          </button>
        </div>
      )}
      {mode === "confirm-delete" && <ConfirmDelete project={project} onCancel={() => setMode("view")} />}
    </li>
  );
}

function ProjectSummaryView({ project }: { project: ProjectSummary }) {
  return (
    <div className="min-w-0 flex-1">
      <Link
        href={`/projects/${project.id}`}
        className="font-medium text-slate-900 hover:text-indigo-600 hover:underline"
      >
        {project.name}
      </Link>
      <p className="mt-0.5 text-sm text-slate-500">
        {plural(project.nodeCount, "node")} · rev {project.revision} ·{" "}
        <time dateTime={project.updatedAt} title={formatDateTime(project.updatedAt)}>
          updated {formatRelativeTime(project.updatedAt)}
        </time>
      </p>
    </div>
  );
}

function RenameForm({ project, onDone }: { project: ProjectSummary; onDone: () => void }) {
  const [name, setName] = useState(project.name);
  const rename = useRenameProject(onDone);
  const trimmed = name.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (trimmed === project.name) return onDone();
    if (trimmed) rename.mutate({ id: project.id, name: trimmed });
  }

  return (
    <form onSubmit={submit} className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
      <label htmlFor={`rename-${project.id}`} className="sr-only">
        New name for {project.name}
      </label>
      <input
        id={`rename-${project.id}`}
        className={`${ui.input} max-w-sm`}
        value={name}
        maxLength={120}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => event.key === "Escape" && onDone()}
      />
      <button type="submit" className={ui.buttonPrimary} disabled={!trimmed || rename.isPending}>
        Save
      </button>
      <button type="button" className={ui.buttonSecondary} onClick={onDone}>
        Cancel
      </button>
      {rename.error && (
        <p role="alert" className="w-full text-sm text-rose-600">
          {rename.error.message}
        </p>
      )}
    </form>
  );
}

function ConfirmDelete({ project, onCancel }: { project: ProjectSummary; onCancel: () => void }) {
  const remove = useDeleteProject();
  return (
    <div
      role="alertdialog"
      aria-label={`Delete ${project.name}?`}
      className="flex w-full flex-wrap items-center gap-2 rounded-md bg-rose-50 px-3 py-2"
    >
      <p className="flex-1 text-sm text-rose-800">
        Delete “{project.name}” with all its revisions? This cannot be undone.
      </p>
      <button
        type="button"
        className={ui.buttonDanger}
        disabled={remove.isPending}
        onClick={() => remove.mutate({ id: project.id })}
      >
        {remove.isPending ? "Deleting…" : "Delete project"}
      </button>
      <button type="button" className={ui.buttonSecondary} onClick={onCancel} autoFocus>
        Cancel
      </button>
      {remove.error && <p className="w-full text-sm text-rose-700">{remove.error.message}</p>}
    </div>
  );
}
