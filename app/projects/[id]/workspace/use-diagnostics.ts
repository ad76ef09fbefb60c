"use client";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { isTerminalStatus, mergeEvent, summarizeJobLog, type JobEvent } from "./diagnostic-events";

/** The diagnostics job lives in the URL (?diag=<jobId>), so a reload replays its log and stays live. */
function useDiagnosticsJobId() {
  const jobId = useSearchParams().get("diag");
  const setJobId = (id: string) => {
    const params = new URLSearchParams(window.location.search);
    params.set("diag", id);
    window.history.replaceState(null, "", `?${params}`);
  };
  return [jobId, setJobId] as const;
}

/** Every event of the job, replayed from the start and then live. */
function useJobEvents(jobId: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [log, setLog] = useState<{ jobId: string | null; events: JobEvent[] }>({ jobId: null, events: [] });
  const subscription = useSubscription(
    trpc.jobs.events.subscriptionOptions(jobId ? { jobId } : skipToken, {
      onData: ({ data }) => {
        setLog((prev) => ({ jobId, events: mergeEvent(prev.jobId === jobId ? prev.events : [], data) }));
        if (jobId && data.type !== "log" && data.type !== "tool") {
          void queryClient.invalidateQueries({ queryKey: trpc.jobs.get.queryKey({ jobId }) });
        }
      },
    }),
  );
  return { events: log.jobId === jobId ? log.events : [], subscription };
}

export function useDiagnostics() {
  const trpc = useTRPC();
  const [jobId, setJobId] = useDiagnosticsJobId();
  const start = useMutation(trpc.diagnostics.start.mutationOptions({ onSuccess: (result) => setJobId(result.jobId) }));
  const job = useQuery(
    trpc.jobs.get.queryOptions(jobId ? { jobId } : skipToken, {
      refetchInterval: (query) => (isTerminalStatus(query.state.data?.status) ? false : 2_000),
    }),
  );
  const { events, subscription } = useJobEvents(jobId);
  return {
    jobId,
    job: job.data,
    jobError: job.error?.message ?? subscription.error?.message ?? null,
    log: summarizeJobLog(events),
    run: () => start.mutate(),
    starting: start.isPending,
    startError: start.error?.message ?? null,
  };
}
