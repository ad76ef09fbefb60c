"use client";
import { useEffect, useState } from "react";
import { onNodeRecord } from "@/app/_flash/node-records";
import { useTRPCClient } from "@/app/_trpc/client";

type Records = Parameters<ReturnType<typeof useTRPCClient>["gateway"]["publish"]["mutate"]>[0]["records"];
const FORWARD_EVERY_MS = 500;

/**
 * The browser gateway: while on, every `@t`/`@e` record the node prints in the serial monitor goes
 * to the app in small batches, which publishes it on the node's topics (no broker login here).
 */
export function useGatewayForwarding(projectId: string | undefined, nodeId: string, enabled: boolean) {
  const client = useTRPCClient();
  const [state, setState] = useState({ forwarded: 0, error: null as string | null });
  useEffect(() => {
    if (!enabled || !projectId) return;
    const pending: Records = [];
    const stop = onNodeRecord((record) => {
      if (record.nodeId === nodeId) pending.push({ kind: record.kind, record: record.record as Records[0]["record"] });
    });
    const timer = setInterval(() => {
      if (pending.length === 0) return;
      const records = pending.splice(0, 100);
      client.gateway.publish.mutate({ projectId, nodeId, records }).then(
        ({ published }) => setState((s) => ({ forwarded: s.forwarded + published, error: null })),
        (error: Error) => setState((s) => ({ ...s, error: error.message })),
      );
    }, FORWARD_EVERY_MS);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [enabled, projectId, nodeId, client]);
  return state;
}
