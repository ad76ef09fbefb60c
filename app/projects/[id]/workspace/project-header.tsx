"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import type { ReactNode } from "react";
import { useSharedLink } from "@/app/_components/read-only";
import { ShareMenu } from "./share-menu";

/**
 * The project's name and revision over every stage. The owner gets the Share menu; a share link's
 * viewer gets a read-only badge and the link's own actions (Fork) instead.
 */
export function ProjectHeader(props: { name: string; revision: number; children?: ReactNode }) {
  const link = useSharedLink();
  const params = useParams<{ id?: string }>();
  return (
    <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2.5">
      <Link href="/" className="text-sm text-slate-500 hover:text-slate-900">
        ← Projects
      </Link>
      <div className="flex min-w-0 flex-1 items-center gap-2">
        <h1 className="truncate text-base font-semibold text-slate-900">{props.name}</h1>
        <span
          className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600"
          data-testid="revision"
        >
          rev {props.revision}
        </span>
        {link && (
          <span
            className="shrink-0 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-200"
            data-testid="read-only-badge"
          >
            Read-only shared view
          </span>
        )}
      </div>
      <div className="flex items-center gap-3">
        {props.children}
        {link ? link.headerActions : params.id && <ShareMenu projectId={params.id} />}
      </div>
    </header>
  );
}
