"use client";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { buildPerNode, describeStartProblem } from "./build-selection";
import { useSearchParam } from "../workspace/use-url-state";

export type GeneratorChoice = "auto" | "templates" | "anthropic";
export interface StartRequest {
  nodeIds?: string[];
  changedOnly?: boolean;
  /** Empty secrets and logins, so a share link that allows firmware may offer its images. */
  withoutSecrets?: boolean;
}

const unfinished = new Set(["queued", "active"]);

/** build.get options shared by the header and every card (one cached query per build). */
export function useBuildQuery(buildId: string | null) {
  const trpc = useTRPC();
  return useQuery(
    trpc.build.get.queryOptions(buildId ? { buildId } : skipToken, {
      // Events trigger refetches; the poll only keeps "waiting: no worker…" fresh.
      refetchInterval: (query) => (unfinished.has(query.state.data?.status ?? "") ? 4_000 : false),
      staleTime: 0,
    }),
  );
}

/**
 * The project's builds: the one in the URL (?build=<id>, so a reload replays it) and, per node,
 * which build its card follows. Starting a build puts the new id in the URL.
 */
export function useBuildRuns(projectId: string, nodeIds: readonly string[], generator: GeneratorChoice) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [buildParam, setBuildParam] = useSearchParam("build");
  const list = useQuery(trpc.build.list.queryOptions({ projectId }, { staleTime: 0 }));
  const current = useBuildQuery(buildParam);
  const start = useMutation(
    trpc.build.start.mutationOptions({
      onSuccess: ({ buildId }) => {
        setBuildParam(buildId);
        void queryClient.invalidateQueries({ queryKey: trpc.build.list.queryKey({ projectId }) });
      },
    }),
  );

  const cancel = useMutation(
    trpc.build.cancel.mutationOptions({
      onSuccess: () => void current.refetch(),
    }),
  );

  const preferred = current.data ? { id: current.data.id, nodeIds: current.data.nodes.map((n) => n.nodeId) } : null;
  const latestId = buildParam ?? list.data?.[0]?.id ?? null;
  return {
    perNode: buildPerNode(nodeIds, list.data ?? [], preferred),
    latestId,
    listError: list.error?.message ?? null,
    start: (request: StartRequest) => start.mutate({ projectId, generator, ...request }),
    starting: start.isPending,
    /** The build in view while any of its nodes is still queued or running: it can be cancelled. */
    running: current.data && unfinished.has(current.data.status) ? current.data.id : null,
    cancel: (buildId: string) => cancel.mutate({ buildId }),
    cancelling: cancel.isPending,
    problem: describeStartProblem(start.error),
    dismissProblem: () => start.reset(),
  };
}
