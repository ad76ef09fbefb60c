"use client";
import { useState, type FormEvent } from "react";
import { ui } from "../ui";
import { useCreateProject } from "./use-projects";

export function CreateProjectForm() {
  const [name, setName] = useState("");
  const create = useCreateProject();
  const trimmed = name.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (trimmed) create.mutate({ name: trimmed });
  }

  return (
    <form onSubmit={submit} className={`${ui.card} p-5`} aria-label="Create a project">
      <label htmlFor="new-project-name" className="text-sm font-semibold text-slate-900">
        New project
      </label>
      <p className="mt-0.5 text-sm text-slate-500">Name the swarm you want to build, e.g. “Greenhouse climate”.</p>
      <div className="mt-3 flex gap-2">
        <input
          id="new-project-name"
          className={ui.input}
          placeholder="Project name"
          value={name}
          maxLength={120}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className={`${ui.buttonPrimary} shrink-0`} disabled={!trimmed || create.isPending}>
          {create.isPending ? "Creating…" : "Create project"}
        </button>
      </div>
      {create.error && (
        <p role="alert" className="mt-2 text-sm text-rose-600">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
