import Link from "next/link";
import type { ReactNode } from "react";

export function ProjectHeader(props: { name: string; revision: number; children?: ReactNode }) {
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
      </div>
      <div className="flex items-center gap-3">{props.children}</div>
    </header>
  );
}
