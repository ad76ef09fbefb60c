import Link from "next/link";
import { Dashboard } from "../deploy/dashboard";

export const metadata = { title: "Dashboard · Swarm Architect" };

/** The deployed swarm's dashboard on a page of its own (the Deploy stage shows the same one). */
export default async function DashboardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4">
      <div className="flex items-center justify-between">
        <h1 className="text-lg font-semibold text-slate-900">Dashboard</h1>
        <Link href={`/projects/${encodeURIComponent(id)}?stage=deploy`} className="text-sm text-indigo-700 underline">
          ← Deploy stage
        </Link>
      </div>
      <Dashboard projectId={id} />
    </main>
  );
}
