"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ReadOnlyProvider } from "@/app/_components/read-only";
import { ui } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { Providers } from "@/app/_trpc/provider";
import { ProjectWorkspace } from "@/app/projects/[id]/workspace/project-workspace";
import { describeOpenFailure, type OpenFailure } from "./open-failure";

/**
 * Opens the link (share.open, asked fresh on every visit so a revoked link dies at once), then shows the
 * project's stages read-only through a client that sends the link's token. Opening and forking go through
 * the visitor's own client: a fork belongs to them.
 */
export function SharedProject({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  // Made here, on the visitor's own client: the header's button sits inside the link's client.
  const fork = useMutation(trpc.share.fork.mutationOptions({ onSuccess: ({ id }) => router.push(`/projects/${id}`) }));
  const opened = useQuery(
    trpc.share.open.queryOptions({ token }, { staleTime: 0, refetchOnMount: "always", retry: false }),
  );

  if (opened.error) return <OpenProblem failure={describeOpenFailure(opened.error)} />;
  if (!opened.data) return <p className="p-8 text-sm text-slate-500">Opening shared project…</p>;
  const { projectId, allowFirmware } = opened.data;

  return (
    <Providers shareToken={token}>
      <ReadOnlyProvider
        link={{
          token,
          allowFirmware,
          headerActions: (
            <ForkButton
              fork={{
                start: () => fork.mutate({ token }),
                busy: fork.isPending || fork.isSuccess,
                error: fork.error?.message ?? null,
              }}
            />
          ),
        }}
      >
        <ProjectWorkspace projectId={projectId} />
      </ReadOnlyProvider>
    </Providers>
  );
}

interface ForkState {
  start: () => void;
  busy: boolean;
  error: string | null;
}

/** Copies the shared project into the visitor's own projects; the copy opens when it is made. */
function ForkButton({ fork }: { fork: ForkState }) {
  return (
    <div className="flex items-center gap-2">
      {fork.error && (
        <p role="alert" className="text-sm text-rose-600">
          Could not fork: {fork.error}
        </p>
      )}
      <button type="button" className={ui.buttonPrimary} disabled={fork.busy} onClick={fork.start}>
        {fork.busy ? "Forking…" : "Fork into my projects"}
      </button>
    </div>
  );
}

function OpenProblem({ failure }: { failure: OpenFailure }) {
  return (
    <main className="mx-auto max-w-xl px-6 py-16 text-center" data-testid={`share-${failure.kind}`}>
      <h1 className="text-lg font-semibold text-slate-900">{failure.title}</h1>
      <p className="mt-2 text-sm text-slate-600">{failure.message}</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:underline">
        ← Your projects
      </Link>
    </main>
  );
}
