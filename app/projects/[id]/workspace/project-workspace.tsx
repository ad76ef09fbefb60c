"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import { useTRPC } from "@/app/_trpc/client";
import { useStage } from "./use-url-state";
import { BuildWorkspace } from "../build/build-workspace";
import { DeployWorkspace } from "../deploy/deploy-workspace";
import { DesignWorkspace, type SpecDocument } from "../design/design-workspace";
import { FlashWorkspace } from "../flash/flash-workspace";
import { SimulateWorkspace } from "../simulate/simulate-workspace";

/**
 * Loads the spec fresh from the server (never a cached copy, whose revision may be old) and
 * mounts the stage from the URL (?stage=build) on it; Reload and Restore mount a new editor on the server's latest.
 */
export function ProjectWorkspace({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const spec = useQuery(trpc.spec.get.queryOptions({ projectId }, { staleTime: 0, refetchOnMount: "always" }));
  const boards = useQuery(trpc.boards.list.queryOptions(undefined, { staleTime: Infinity }));
  const [generation, setGeneration] = useState(0);
  const [reloading, setReloading] = useState(false);
  const [stage] = useStage();
  const readOnly = useReadOnly();

  if (!spec.data && spec.error) return <LoadProblem message={spec.error.message} />;
  if (!boards.data && boards.error) return <LoadProblem message={boards.error.message} />;
  if (!spec.data || !spec.isFetchedAfterMount || !boards.data) {
    return <p className="p-8 text-sm text-slate-500">Loading project…</p>;
  }

  const reload = async () => {
    setReloading(true);
    await spec.refetch();
    setReloading(false);
    setGeneration((g) => g + 1);
  };
  const replace = (document: SpecDocument) => {
    queryClient.setQueryData(trpc.spec.get.queryKey({ projectId }), document);
    setGeneration((g) => g + 1);
  };

  if (stage === "build") {
    return <BuildWorkspace projectId={projectId} document={spec.data} boards={boards.data} />;
  }
  if (stage === "simulate") {
    return <SimulateWorkspace projectId={projectId} document={spec.data} boards={boards.data} />;
  }
  if (stage === "deploy") {
    return <DeployWorkspace projectId={projectId} document={spec.data} />;
  }
  if (stage === "flash" && !readOnly) {
    return <FlashWorkspace projectId={projectId} document={spec.data} boards={boards.data} />;
  }
  return (
    <DesignWorkspace
      key={generation}
      projectId={projectId}
      initial={spec.data}
      boards={boards.data}
      reloading={reloading}
      onReload={() => void reload()}
      onReplaced={replace}
    />
  );
}

function LoadProblem({ message }: { message: string }) {
  return (
    <main className="mx-auto max-w-xl px-6 py-16 text-center">
      <h1 className="text-lg font-semibold text-slate-900">This project could not be opened</h1>
      <p className="mt-2 text-sm text-slate-600">{message}</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:underline">
        ← Back to projects
      </Link>
    </main>
  );
}
