"use client";
import { useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import type { SystemSpec } from "@/contracts/spec/schema";
import { SpecStore, type SaveFailure } from "./spec-store";

export function describeSaveError(error: unknown): SaveFailure {
  if (error instanceof TRPCClientError) {
    if (!error.data) return { conflict: false, message: `Could not reach the server (${error.message}).` };
    return { conflict: error.data.code === "CONFLICT", message: error.message };
  }
  return { conflict: false, message: error instanceof Error ? error.message : String(error) };
}

/** One SpecStore per mounted editor, saving through spec.update and keeping the query cache current. */
export function useSpecStore(projectId: string, initial: { spec: SystemSpec; revision: number }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [store] = useState(
    () =>
      new SpecStore(initial, {
        send: (spec, baseRevision) => client.spec.update.mutate({ projectId, spec, baseRevision }),
        describeError: describeSaveError,
        onSaved: (spec, revision) => {
          queryClient.setQueryData(trpc.spec.get.queryKey({ projectId }), { spec, revision });
          void queryClient.invalidateQueries({ queryKey: trpc.project.list.queryKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.spec.revisions.queryKey({ projectId }) });
        },
      }),
  );
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);

  // Leaving the page (link, tab close) sends what is still waiting for its debounce.
  useEffect(() => {
    const flush = () => void store.flush();
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [store]);

  // Ask before closing the tab while an edit is not on the server yet.
  const unsaved = snapshot.status !== "saved";
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  return { store, snapshot };
}
