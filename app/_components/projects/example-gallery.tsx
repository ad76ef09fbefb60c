"use client";
import type { ExampleSummary } from "@/examples";
import { plural } from "../format";
import { ui } from "../ui";
import { useCreateFromExample, useExampleList } from "./use-projects";

/** Ready swarms that open as a new project of the visitor, built and simulated without changes. */
export function ExampleGallery() {
  const list = useExampleList();
  const open = useCreateFromExample();
  // The project is being made, or made and the app is on its way to it: no second copy from a double click.
  const busyWith = open.isPending || open.isSuccess ? open.variables?.exampleId : undefined;

  if (list.isPending) return <p className="px-1 text-sm text-slate-500">Loading examples…</p>;
  if (list.error)
    return (
      <p role="alert" className="rounded-md bg-rose-50 px-4 py-3 text-sm text-rose-700">
        Could not load the examples: {list.error.message}
      </p>
    );

  return (
    <section aria-labelledby="examples-heading">
      <div className="mb-2 px-1">
        <h2 id="examples-heading" className={ui.sectionTitle}>
          Start from an example
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">
          Each opens as a new project of yours that builds and simulates as it is; change anything afterwards.
        </p>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2">
        {list.data.map((example) => (
          <ExampleCard
            key={example.id}
            example={example}
            opening={busyWith === example.id}
            disabled={busyWith !== undefined}
            error={open.isError && open.variables?.exampleId === example.id ? open.error.message : null}
            onOpen={() => open.mutate({ exampleId: example.id })}
          />
        ))}
      </ul>
    </section>
  );
}

interface ExampleCardProps {
  example: ExampleSummary;
  opening: boolean;
  disabled: boolean;
  error: string | null;
  onOpen: () => void;
}

function ExampleCard({ example, opening, disabled, error, onOpen }: ExampleCardProps) {
  const headingId = `example-${example.id}`;
  return (
    <li
      className={`${ui.card} flex flex-col gap-3 p-4`}
      aria-labelledby={headingId}
      aria-busy={opening}
      data-testid={`example-${example.id}`}
    >
      <div>
        <h3 id={headingId} className="font-medium text-slate-900">
          {example.title}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{example.summary}</p>
      </div>
      <ul className="flex flex-wrap gap-1.5" aria-label={`Nodes and boards of ${example.title}`}>
        <li className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700">
          {plural(example.nodeCount, "node")}
        </li>
        {example.boards.map((board) => (
          <li key={board.id} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700" title={board.id}>
            {board.count > 1 ? `${board.count} × ` : ""}
            {board.name}
          </li>
        ))}
      </ul>
      <ul className="list-disc space-y-0.5 pl-5 text-xs text-slate-500" aria-label={`What ${example.title} shows`}>
        {example.demonstrates.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <div className="mt-auto flex items-center gap-3">
        <button
          type="button"
          className={ui.buttonPrimary}
          disabled={disabled}
          onClick={onOpen}
          aria-label={`Open ${example.title} as a new project`}
        >
          {opening ? "Opening…" : "Open"}
        </button>
        {opening && (
          <span role="status" className="text-xs text-slate-500">
            Creating your copy of {example.title}…
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-600">
          Could not open {example.title}: {error}
        </p>
      )}
    </li>
  );
}
