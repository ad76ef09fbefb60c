"use client";
import { useEffect } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import type { SpecDocument } from "../design/design-workspace";
import { ProjectHeader } from "../workspace/project-header";
import { StageRail } from "../workspace/stage-rail";
import { Dashboard } from "./dashboard";
import { DeployPanel } from "./deploy-panel";
import { RebuildNotice } from "./rebuild-notice";
import { useDeploy } from "./use-deploy";

interface Props {
  projectId: string;
  document: SpecDocument;
}

/** The Deploy stage: the swarm's server, the nodes whose firmware must catch up with it, and its live dashboard. */
export function DeployWorkspace({ projectId, document: { spec, revision } }: Props) {
  const deploy = useDeploy(projectId);
  const { view } = deploy;
  const readOnly = useReadOnly();

  useEffect(() => {
    document.title = `Deploy · ${spec.name} · Swarm Architect`;
  }, [spec.name]);

  return (
    <div className="flex min-h-screen flex-col">
      <ProjectHeader name={spec.name} revision={revision} />
      <StageRail />
      <main aria-label="Deploy" className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4">
        {deploy.loadError && (
          <p role="alert" className="text-sm text-rose-600">
            Could not load the deployment: {deploy.loadError}
          </p>
        )}
        {spec.nodes.length === 0 && (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
            This project has no nodes yet: add some in Design, then deploy their server here.
          </p>
        )}
        <DeployPanel
          key={view ? "loaded" : "loading"}
          view={view}
          jobLog={deploy.jobLog}
          starting={deploy.starting}
          destroying={deploy.destroying}
          deciding={deploy.deciding}
          actionError={deploy.actionError}
          onDeploy={deploy.start}
          onApprove={deploy.approve}
          onDiscard={deploy.discard}
          onDestroy={deploy.destroy}
          onCancel={deploy.cancel}
        />
        {view?.status === "deployed" && !readOnly && (
          <RebuildNotice
            projectId={projectId}
            nodeIds={view.needsRebuild}
            rebuilding={deploy.rebuilding}
            error={deploy.rebuildError}
            buildId={deploy.rebuiltBuildId}
            onRebuild={() => deploy.rebuild(view.needsRebuild)}
          />
        )}
        {view?.status === "deployed" && (
          <section aria-labelledby="dashboard-title" className="flex flex-col gap-2">
            <div className="flex items-center justify-between">
              <h2 id="dashboard-title" className="text-base font-semibold text-slate-900">
                Dashboard
              </h2>
              {!readOnly && (
                <a
                  href={`/projects/${encodeURIComponent(projectId)}/dashboard`}
                  className="text-sm text-indigo-700 underline"
                >
                  Open on its own page
                </a>
              )}
            </div>
            <Dashboard projectId={projectId} />
          </section>
        )}
      </main>
    </div>
  );
}
