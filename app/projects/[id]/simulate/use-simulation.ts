"use client";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { applySimulateEvent, emptySimulation, type SimulationView } from "./simulate-events";
import { useSearchParam } from "../workspace/use-url-state";

const unfinished = new Set(["queued", "active"]);
const lifecycle = new Set(["claimed", "succeeded", "failed", "cancelled", "lease-expired", "released"]);

/** The run's events from the start (a reload replays them), then live, folded into one view. */
function useSimulationEvents(runId: string | null, onLifecycle: () => void) {
  const trpc = useTRPC();
  const [state, setState] = useState<{ runId: string | null; view: SimulationView }>({
    runId: null,
    view: emptySimulation(),
  });
  const subscription = useSubscription(
    trpc.simulate.events.subscriptionOptions(runId ? { runId } : skipToken, {
      onData: ({ data }) => {
        setState((prev) => ({
          runId,
          view: applySimulateEvent(prev.runId === runId ? prev.view : emptySimulation(), data),
        }));
        if (lifecycle.has(data.type)) onLifecycle();
      },
    }),
  );
  return {
    view: state.runId === runId ? state.view : emptySimulation(),
    error: subscription.error?.message ?? null,
  };
}

/** A command box's state: sends to one node of the run; the error is the server's ("This simulation is not running."). */
export function useNodeCommand(runId: string | null, nodeId: string) {
  const trpc = useTRPC();
  const command = useMutation(trpc.simulate.command.mutationOptions());
  return {
    send: (text: string, onSent: () => void) =>
      runId && command.mutate({ runId, nodeId, command: text }, { onSuccess: onSent }),
    sending: command.isPending,
    error: command.error?.message ?? null,
    sentTo: command.data?.topic ?? null,
  };
}

/**
 * The project's swarm run: the one in the URL (?run=<id>, so a reload replays it) or else the newest,
 * with its start, stop and command actions. Starting puts the new run in the URL.
 */
export function useSimulation(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [runParam, setRunParam] = useSearchParam("run");
  const list = useQuery(trpc.simulate.list.queryOptions({ projectId }, { staleTime: 0 }));
  const builds = useQuery(trpc.build.list.queryOptions({ projectId }, { staleTime: 0 }));
  const runId = runParam ?? list.data?.[0]?.runId ?? null;
  const run = useQuery(
    trpc.simulate.get.queryOptions(runId ? { runId } : skipToken, {
      // Events trigger refetches; the poll keeps "waiting for a worker…" fresh.
      refetchInterval: (query) => (unfinished.has(query.state.data?.status ?? "") ? 3_000 : false),
      staleTime: 0,
    }),
  );
  const { view, error: eventsError } = useSimulationEvents(runId, () => {
    if (runId) void queryClient.invalidateQueries({ queryKey: trpc.simulate.get.queryKey({ runId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.simulate.list.queryKey({ projectId }) });
  });

  const start = useMutation(
    trpc.simulate.start.mutationOptions({
      onSuccess: ({ runId: started }) => {
        setRunParam(started);
        void queryClient.invalidateQueries({ queryKey: trpc.simulate.list.queryKey({ projectId }) });
      },
    }),
  );
  const stop = useMutation(trpc.simulate.stop.mutationOptions({ onSuccess: () => void run.refetch() }));
  const status = run.data?.status ?? null;

  return {
    runId,
    run: run.data ?? null,
    view,
    running: status !== null && unfinished.has(status),
    /** null while the build list loads. */
    hasBuild: builds.data ? builds.data.length > 0 : null,
    loadError: run.error?.message ?? list.error?.message ?? eventsError,
    start: (durationMs: number) => start.mutate({ projectId, durationMs }),
    starting: start.isPending,
    startError: start.error?.message ?? null,
    dismissStartError: () => start.reset(),
    stop: () => runId && stop.mutate({ runId }),
    stopping: stop.isPending,
    stopError: stop.error?.message ?? null,
  };
}

export type Simulation = ReturnType<typeof useSimulation>;
