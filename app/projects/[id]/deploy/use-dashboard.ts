"use client";
import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { AggregatorEvent } from "@/infra/aggregator/types";
import {
  applyStreamEvent,
  dashboardNodes,
  emptyDashboard,
  upsertAlert,
  withSnapshot,
  type DashboardState,
} from "./dashboard-state";

/**
 * The deployed swarm's live view: the server's snapshot (node states, newest values, alerts) folded together
 * with telemetry.stream. Nothing is asked of the telemetry service before a deploy (it answers CONFLICT).
 */
export function useDashboard(projectId: string) {
  const trpc = useTRPC();
  const deploy = useQuery(trpc.deploy.get.queryOptions({ projectId }, { staleTime: 0 }));
  const spec = useQuery(trpc.spec.get.queryOptions({ projectId }, { staleTime: 30_000 }));
  const deployed = deploy.data?.status === "deployed";
  const input = deployed ? { projectId } : skipToken;
  const latest = useQuery(trpc.telemetry.latest.queryOptions(input, { staleTime: 0 }));
  const alerts = useQuery(trpc.alerts.list.queryOptions(deployed ? { projectId } : skipToken, { staleTime: 0 }));
  const [state, setState] = useState<DashboardState>(() => emptyDashboard([]));
  const specNodes = spec.data?.spec.nodes ?? [];
  const specNodeIds = specNodes.map((node) => node.id);

  useEffect(() => {
    if (latest.data && alerts.data) setState((prev) => withSnapshot(prev, latest.data, alerts.data));
  }, [latest.data, alerts.data]);

  const stream = useSubscription(
    trpc.telemetry.stream.subscriptionOptions(input, {
      onData: (event) => setState((prev) => applyStreamEvent(prev, event as AggregatorEvent)),
    }),
  );
  const acknowledge = useMutation(
    trpc.alerts.acknowledge.mutationOptions({
      onSuccess: (alert) => alert && setState((prev) => ({ ...prev, alerts: upsertAlert(prev.alerts, alert) })),
    }),
  );

  return {
    deployed,
    loading: deploy.isPending,
    state,
    /** Every node of the spec, then any other node the server heard from. */
    nodes: dashboardNodes(state, specNodeIds),
    /** The fields the spec says nodes report, so charts open on one of them. */
    specFields: specNodes.flatMap((node) => node.telemetry.fields),
    loadError: deploy.error?.message ?? latest.error?.message ?? alerts.error?.message ?? null,
    streamError: stream.error?.message ?? null,
    acknowledge: (alertId: number) => acknowledge.mutate({ projectId, alertId }),
    acknowledging: acknowledge.isPending ? (acknowledge.variables?.alertId ?? null) : null,
    acknowledgeError: acknowledge.error?.message ?? null,
  };
}

/** One node's command box: sends through the app to the node's MQTT command topic. */
export function useNodeCommand(projectId: string, nodeId: string) {
  const trpc = useTRPC();
  const send = useMutation(trpc.commands.send.mutationOptions());
  return {
    send: (command: string, onSent: () => void) => send.mutate({ projectId, nodeId, command }, { onSuccess: onSent }),
    sending: send.isPending,
    error: send.error?.message ?? null,
    sentTo: send.data?.topic ?? null,
  };
}
