"use client";
import { useSearchParams } from "next/navigation";
import type { MouseEvent } from "react";
import { useReadOnly } from "@/app/_components/read-only";
import { withSearchParam } from "../build/build-selection";
import { useStage, type Stage } from "./use-url-state";

const stages = [
  { id: "design", name: "Design", blurb: "Nodes, boards and links on the device map" },
  { id: "build", name: "Build", blurb: "Generate, compile and size each node's firmware" },
  {
    id: "simulate",
    name: "Simulate",
    blurb: "Run every node in an emulator at once, live over MQTT, and check its expectations",
  },
  {
    id: "deploy",
    name: "Deploy",
    blurb: "Run the swarm's broker and telemetry server, rebuild nodes for it, and watch the live dashboard",
  },
  { id: "flash", name: "Flash", blurb: "Write each node's firmware to its board from the browser" },
] as const;

/** Flashing writes the owner's boards: a share link shows the other stages only. */
const readOnlyStages = new Set<Stage>(["design", "build", "simulate", "deploy"]);

/** The project's stages in order. Sharing is in the project header (Share), not a stage. */
export function StageRail() {
  const [current, select] = useStage();
  const readOnly = useReadOnly();
  const shown = readOnly ? stages.filter((stage) => readOnlyStages.has(stage.id)) : stages;
  const search = useSearchParams().toString();
  const hrefOf = (stage: Stage) => withSearchParam(search, "stage", stage === "design" ? null : stage) || "?";
  const open = (stage: Stage) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return; // new tab: let it go
    event.preventDefault();
    select(stage);
  };

  return (
    <nav aria-label="Project stages" className="border-b border-slate-200 bg-white px-4">
      <ol className="flex gap-1 overflow-x-auto">
        {shown.map((stage, index) => (
          <li key={stage.name}>
            <a
              href={hrefOf(stage.id)}
              onClick={open(stage.id)}
              aria-current={stage.id === current ? "step" : undefined}
              title={stage.blurb}
              className={`flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${
                stage.id === current
                  ? "border-indigo-600 text-indigo-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }`}
            >
              <StepNumber n={index + 1} active={stage.id === current} />
              {stage.name}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function StepNumber({ n, active = false }: { n: number; active?: boolean }) {
  return (
    <span
      aria-hidden
      className={`flex h-5 w-5 items-center justify-center rounded-full text-[11px] font-semibold ${
        active ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-500"
      }`}
    >
      {n}
    </span>
  );
}
