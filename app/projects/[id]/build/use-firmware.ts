"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

export interface SourceFile {
  path: string;
  content: string;
}

/** A node's current source (generated or pinned), and pinning/unpinning it. */
export function useFirmware(projectId: string, nodeId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { projectId, nodeId };
  const firmware = useQuery(trpc.firmware.get.queryOptions(input));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.firmware.get.queryKey(input) });
  const save = useMutation(trpc.firmware.save.mutationOptions({ onSuccess: refresh }));
  const unpin = useMutation(trpc.firmware.unpin.mutationOptions({ onSuccess: refresh }));
  return {
    firmware,
    save: (files: SourceFile[], onSaved: () => void) => save.mutate({ ...input, files }, { onSuccess: onSaved }),
    saving: save.isPending,
    saveError: save.error?.message ?? null,
    resetSave: () => save.reset(),
    unpin: () => unpin.mutate(input),
    unpinning: unpin.isPending,
    unpinError: unpin.error?.message ?? null,
  };
}

/** Whether the node's source is pinned (compiled as is instead of generated); not asked when `enabled` is false. */
export function usePinned(projectId: string, nodeId: string, enabled = true): boolean {
  const trpc = useTRPC();
  return useQuery(trpc.firmware.get.queryOptions({ projectId, nodeId }, { enabled })).data?.pinned ?? false;
}
