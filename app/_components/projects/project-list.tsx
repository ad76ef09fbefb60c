"use client";
import { plural } from "../format";
import { ui } from "../ui";
import { ProjectRow } from "./project-row";
import { useProjectList } from "./use-projects";

export function ProjectList() {
  const list = useProjectList();

  if (list.isPending) return <p className="px-1 text-sm text-slate-500">Loading projects…</p>;
  if (list.error)
    return (
      <p role="alert" className="rounded-md bg-rose-50 px-4 py-3 text-sm text-rose-700">
        Could not load projects: {list.error.message}
      </p>
    );
  if (list.data.length === 0) return <EmptyState />;

  return (
    <section aria-labelledby="projects-heading">
      <div className="mb-2 flex items-baseline justify-between px-1">
        <h2 id="projects-heading" className={ui.sectionTitle}>
          Your projects
        </h2>
        <span className="text-xs text-slate-500">{plural(list.data.length, "project")}</span>
      </div>
      <ul className={`${ui.card} divide-y divide-slate-100`}>
        {list.data.map((project) => (
          <ProjectRow key={project.id} project={project} />
        ))}
      </ul>
    </section>
  );
}

function EmptyState() {
  return (
    <section className="rounded-lg border border-dashed border-slate-300 bg-white/60 px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-slate-900">No projects yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
        Give your swarm a name above and press <strong>Create project</strong>. You will land on its device map: add a
        node for every board, describe in plain words what each one does, and draw links from sensors to gateways. Or
        open one of the examples below: a working swarm you can build and simulate straight away.
      </p>
    </section>
  );
}
