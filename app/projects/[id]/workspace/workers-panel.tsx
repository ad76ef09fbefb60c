"use client";
import { useQuery } from "@tanstack/react-query";
import { formatDateTime, formatRelativeTime, plural } from "@/app/_components/format";
import { ui } from "@/app/_components/ui";
import { useTRPC, type RouterOutputs } from "@/app/_trpc/client";

type WorkerView = RouterOutputs["workers"]["list"][number];

/** Workers that build, simulate and deploy: who is online and which toolchains each one has. */
export function WorkersPanel() {
  const trpc = useTRPC();
  const workers = useQuery(trpc.workers.list.queryOptions(undefined, { refetchInterval: 5_000 }));
  const online = workers.data?.filter((w) => w.online).length ?? 0;

  return (
    <section aria-labelledby="workers-heading" className="space-y-3 p-4">
      <div className="flex items-baseline justify-between">
        <h2 id="workers-heading" className={ui.sectionTitle}>
          Workers
        </h2>
        {workers.data && <span className="text-xs text-slate-500">{online} online</span>}
      </div>
      {workers.isPending && <p className="text-sm text-slate-500">Looking for workers…</p>}
      {workers.error && <p className="text-sm text-rose-600">Could not list workers: {workers.error.message}</p>}
      {workers.data && online === 0 && (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600">
          No worker online: start one with{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs">npm run worker</code>
        </p>
      )}
      <ul className="space-y-2">
        {workers.data?.map((worker) => (
          <WorkerCard key={`${worker.name}@${worker.startedAt}`} worker={worker} />
        ))}
      </ul>
    </section>
  );
}

function WorkerCard({ worker }: { worker: WorkerView }) {
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid="worker" aria-label={`Worker ${worker.name}`}>
      <div className="flex items-center justify-between gap-2">
        <p className="truncate text-sm font-medium text-slate-900">{worker.name}</p>
        <span
          className={`inline-flex items-center gap-1 text-xs ${worker.online ? "text-emerald-700" : "text-slate-500"}`}
        >
          <span aria-hidden className={`h-2 w-2 rounded-full ${worker.online ? "bg-emerald-500" : "bg-slate-300"}`} />
          {worker.online ? "online" : "offline"}
        </span>
      </div>
      <p className="mt-0.5 text-xs text-slate-500">
        {plural(worker.slots, "slot")} ·{" "}
        <span title={formatDateTime(worker.lastSeenAt)}>seen {formatRelativeTime(worker.lastSeenAt)}</span>
      </p>
      {worker.capabilities.length === 0 ? (
        <p className="mt-2 text-xs text-slate-500">No toolchains found on this machine.</p>
      ) : (
        <ul className="mt-2 space-y-1" aria-label="Capabilities">
          {worker.capabilities.map((cap) => (
            <li key={cap.name} className="text-xs">
              <span className="font-mono font-medium text-slate-800">{cap.name}</span>
              <span className="text-slate-500"> — {cap.version}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
