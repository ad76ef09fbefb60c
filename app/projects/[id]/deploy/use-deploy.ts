"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

export type DeployTarget = "local" | "aws";

/**
 * The project's deployment with its Deploy, Destroy and "rebuild what predates it" actions. While nodes
 * need a rebuild the view is polled, so the list empties once their new firmware is built.
 */
export function useDeploy(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const deploy = useQuery(
    trpc.deploy.get.queryOptions(
      { projectId },
      { staleTime: 0, refetchInterval: (query) => ((query.state.data?.needsRebuild.length ?? 0) > 0 ? 5_000 : false) },
    ),
  );
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.deploy.get.queryKey({ projectId }) });
    // Telemetry answers CONFLICT before a deploy: ask again now that there is (or is no longer) a server.
    void queryClient.invalidateQueries({ queryKey: trpc.telemetry.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
  };
  const start = useMutation(trpc.deploy.start.mutationOptions({ onSettled: refresh }));
  const destroy = useMutation(trpc.deploy.destroy.mutationOptions({ onSettled: refresh }));
  const rebuild = useMutation(trpc.build.start.mutationOptions({ onSuccess: refresh }));

  return {
    view: deploy.data ?? null,
    loadError: deploy.error?.message ?? null,
    start: (target: DeployTarget) => {
      destroy.reset();
      start.mutate({ projectId, target });
    },
    starting: start.isPending,
    startError: start.error?.message ?? null,
    destroy: () => {
      start.reset();
      destroy.mutate({ projectId });
    },
    destroying: destroy.isPending,
    destroyError: destroy.error?.message ?? null,
    rebuild: (nodeIds: string[]) => rebuild.mutate({ projectId, generator: "auto", nodeIds }),
    rebuilding: rebuild.isPending,
    rebuildError: rebuild.error?.message ?? null,
    /** The build the last rebuild started, for a link to the Build stage. */
    rebuiltBuildId: rebuild.data?.buildId ?? null,
  };
}
