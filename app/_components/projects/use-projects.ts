"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_trpc/client";

function useInvalidateList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.project.list.queryKey() });
}

export function useProjectList() {
  const trpc = useTRPC();
  return useQuery(trpc.project.list.queryOptions());
}

/** Creates a project and opens it. */
export function useCreateProject() {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidateList();
  return useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: ({ id }) => {
        void invalidate();
        router.push(`/projects/${id}`);
      },
    }),
  );
}

export function useExampleList() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.examples.list.queryOptions(), staleTime: Infinity });
}

/** Copies a gallery example into a new project and opens it on its Design stage. */
export function useCreateFromExample() {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidateList();
  return useMutation(
    trpc.project.createFromExample.mutationOptions({
      onSuccess: ({ id }) => {
        void invalidate();
        router.push(`/projects/${id}`);
      },
    }),
  );
}

export function useRenameProject(onDone: () => void) {
  const trpc = useTRPC();
  const invalidate = useInvalidateList();
  return useMutation(
    trpc.project.rename.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );
}

export function useDeleteProject() {
  const trpc = useTRPC();
  const invalidate = useInvalidateList();
  return useMutation(trpc.project.delete.mutationOptions({ onSuccess: () => invalidate() }));
}
