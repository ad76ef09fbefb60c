"use client";
import { useState, type KeyboardEvent } from "react";
import { ui } from "@/app/_components/ui";
import { identifierProblem } from "./rules";

/** Telemetry field names as chips: type one and press Enter or comma (a pasted list works too). */
export function FieldChips(props: {
  id: string;
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    const names = draft.split(/[\s,]+/).filter(Boolean);
    if (names.length === 0) return;
    const problem = names.map(identifierProblem).find(Boolean);
    if (problem) return setError(problem);
    const next = [...new Set([...props.values, ...names])].slice(0, 32);
    props.onChange(next);
    setDraft("");
    setError(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && draft === "" && props.values.length > 0) {
      props.onChange(props.values.slice(0, -1));
    }
  };

  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className={ui.label}>
        {props.label}
      </label>
      {props.values.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label={`${props.label} list`}>
          {props.values.map((value) => (
            <li
              key={value}
              className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pl-2 pr-1 font-mono text-xs text-indigo-700"
            >
              {value}
              <button
                type="button"
                className="rounded-full px-1 text-indigo-400 hover:bg-indigo-100 hover:text-indigo-700"
                aria-label={`Remove field ${value}`}
                onClick={() => props.onChange(props.values.filter((v) => v !== value))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={props.id}
        className={`${ui.input} font-mono`}
        placeholder="e.g. temperature, humidity"
        value={draft}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={add}
      />
      {error ? (
        <p role="alert" className="text-xs text-rose-600">
          {error}
        </p>
      ) : (
        <p className="text-xs text-slate-500">
          Press Enter or comma to add a field; each is one value in the node’s telemetry.
        </p>
      )}
    </div>
  );
}
