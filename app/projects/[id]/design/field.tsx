import type { ReactNode } from "react";
import { ui } from "@/app/_components/ui";

/** A labelled form row with an optional hint and an error that replaces it. */
export function Field(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className={ui.label}>
        {props.label}
      </label>
      {props.children}
      {props.error ? (
        <p id={`${props.id}-error`} role="alert" className="text-xs text-rose-600">
          {props.error}
        </p>
      ) : (
        props.hint && (
          <p id={`${props.id}-hint`} className="text-xs text-slate-500">
            {props.hint}
          </p>
        )
      )}
    </div>
  );
}

export function InspectorSection({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section className="space-y-3 border-t border-slate-200 px-4 py-4">
      <div className="flex items-center justify-between">
        <h3 className={ui.sectionTitle}>{title}</h3>
        {action}
      </div>
      {children}
    </section>
  );
}
