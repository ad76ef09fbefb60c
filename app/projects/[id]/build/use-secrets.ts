"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

export function useSecrets(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.secrets.list.queryOptions({ projectId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.secrets.list.queryKey({ projectId }) });
  const set = useMutation(trpc.secrets.set.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.secrets.delete.mutationOptions({ onSuccess: refresh }));
  return {
    list,
    set: (name: string, value: string, onDone: () => void) =>
      set.mutate({ projectId, name, value }, { onSuccess: onDone }),
    setting: set.isPending,
    setError: set.error?.message ?? null,
    remove: (name: string) => remove.mutate({ projectId, name }),
    removing: remove.isPending ? (remove.variables?.name ?? null) : null,
    removeError: remove.error?.message ?? null,
  };
}
