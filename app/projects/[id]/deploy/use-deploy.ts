"use client";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { addDeployEvent, emptyDeployLog, type DeployLog } from "./deploy-log";

export type DeployTarget = "local" | "aws";

/** The deploy job's steps and log, replayed from the start and then live; the view refreshes on each step. */
function useDeployJobLog(projectId: string, jobId: string | null): DeployLog {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [log, setLog] = useState<{ jobId: string | null; log: DeployLog }>({ jobId: null, log: emptyDeployLog });
  useSubscription(
    trpc.jobs.events.subscriptionOptions(jobId ? { jobId } : skipToken, {
      onData: ({ data }) => {
        setLog((prev) => ({ jobId, log: addDeployEvent(prev.jobId === jobId ? prev.log : emptyDeployLog, data) }));
        if (data.type !== "log")
          void queryClient.invalidateQueries({ queryKey: trpc.deploy.get.queryKey({ projectId }) });
      },
    }),
  );
  return log.jobId === jobId ? log.log : emptyDeployLog;
}

/**
 * The project's deployment with its Deploy, Approve, Discard, Destroy and "rebuild what predates it" actions.
 * While a deploy job runs or nodes need a rebuild the view is polled.
 */
export function useDeploy(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const deploy = useQuery(
    trpc.deploy.get.queryOptions(
      { projectId },
      {
        staleTime: 0,
        refetchInterval: (query) => {
          const data = query.state.data;
          if (data?.running) return 2_000;
          return (data?.needsRebuild.length ?? 0) > 0 ? 5_000 : false;
        },
      },
    ),
  );
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.deploy.get.queryKey({ projectId }) });
    // Telemetry answers CONFLICT before a deploy: ask again now that there is (or is no longer) a server.
    void queryClient.invalidateQueries({ queryKey: trpc.telemetry.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
  };
  const start = useMutation(trpc.deploy.start.mutationOptions({ onSettled: refresh }));
  const approve = useMutation(trpc.deploy.approve.mutationOptions({ onSettled: refresh }));
  const discard = useMutation(trpc.deploy.discard.mutationOptions({ onSettled: refresh }));
  const destroy = useMutation(trpc.deploy.destroy.mutationOptions({ onSettled: refresh }));
  const cancel = useMutation(trpc.deploy.cancel.mutationOptions({ onSettled: refresh }));
  const rebuild = useMutation(trpc.build.start.mutationOptions({ onSuccess: refresh }));
  const jobLog = useDeployJobLog(projectId, deploy.data?.target === "aws" ? (deploy.data.jobId ?? null) : null);
  const resetAll = () => [start, approve, discard, destroy, cancel].forEach((mutation) => mutation.reset());

  return {
    view: deploy.data ?? null,
    loadError: deploy.error?.message ?? null,
    jobLog,
    start: (target: DeployTarget) => {
      resetAll();
      start.mutate({ projectId, target });
    },
    starting: start.isPending,
    approve: () => {
      resetAll();
      approve.mutate({ projectId });
    },
    discard: () => {
      resetAll();
      discard.mutate({ projectId });
    },
    deciding: approve.isPending || discard.isPending,
    destroy: () => {
      resetAll();
      destroy.mutate({ projectId });
    },
    destroying: destroy.isPending,
    /** Interrupts the running terraform job (its state is still saved). */
    cancel: () => {
      resetAll();
      cancel.mutate({ projectId });
    },
    cancelling: cancel.isPending,
    actionError:
      start.error?.message ??
      approve.error?.message ??
      discard.error?.message ??
      destroy.error?.message ??
      cancel.error?.message ??
      null,
    rebuild: (nodeIds: string[]) => rebuild.mutate({ projectId, generator: "auto", nodeIds }),
    rebuilding: rebuild.isPending,
    rebuildError: rebuild.error?.message ?? null,
    /** The build the last rebuild started, for a link to the Build stage. */
    rebuiltBuildId: rebuild.data?.buildId ?? null,
  };
}
