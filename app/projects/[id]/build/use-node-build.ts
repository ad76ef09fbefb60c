"use client";
import { skipToken, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { foldNodeJob, lifecycleTypes } from "./build-events";
import { mergeEvent, type JobEvent } from "../workspace/diagnostic-events";
import { useBuildQuery } from "./use-build-runs";

/** Every event of the node's job, replayed from the start and then live; queue events refetch build.get. */
function useNodeJobEvents(jobId: string | null, onLifecycle: () => void) {
  const trpc = useTRPC();
  const [log, setLog] = useState<{ jobId: string | null; events: JobEvent[] }>({ jobId: null, events: [] });
  const subscription = useSubscription(
    trpc.jobs.events.subscriptionOptions(jobId ? { jobId } : skipToken, {
      onData: ({ data }) => {
        setLog((prev) => ({ jobId, events: mergeEvent(prev.jobId === jobId ? prev.events : [], data) }));
        if (lifecycleTypes.has(data.type)) onLifecycle();
      },
    }),
  );
  return { events: log.jobId === jobId ? log.events : [], error: subscription.error?.message ?? null };
}

/** One node's part of a build: its row from build.get plus the folded event log of its job. */
export function useNodeBuild(projectId: string, buildId: string | null, nodeId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const build = useBuildQuery(buildId);
  const node = build.data?.nodes.find((candidate) => candidate.nodeId === nodeId) ?? null;
  const { events, error } = useNodeJobEvents(node?.jobId ?? null, () => {
    if (!buildId) return;
    void queryClient.invalidateQueries({ queryKey: trpc.build.get.queryKey({ buildId }) });
    // A build saves the source it generated: the source panel should show it.
    void queryClient.invalidateQueries({ queryKey: trpc.firmware.get.queryKey({ projectId, nodeId }) });
  });
  const log = useMemo(() => foldNodeJob(events), [events]);
  return {
    build: build.data ?? null,
    node,
    log,
    error: build.error?.message ?? error,
    loading: Boolean(buildId) && build.isPending,
  };
}

export type NodeBuild = ReturnType<typeof useNodeBuild>;
export type NodeBuildRow = NonNullable<NodeBuild["node"]>;
