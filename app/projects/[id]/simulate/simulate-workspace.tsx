"use client";
import { useEffect, useMemo, useState } from "react";
import type { Board } from "@/boards";
import type { SpecDocument } from "../design/design-workspace";
import { ProjectHeader } from "../workspace/project-header";
import { StageRail } from "../workspace/stage-rail";
import { LiveMap } from "./live-map";
import { MqttLog } from "./mqtt-log";
import { NodeSimCard } from "./node-sim-card";
import { checksOf, emptyNode } from "./simulate-events";
import { SimulateToolbar } from "./simulate-toolbar";
import { useSimulation } from "./use-simulation";

interface Props {
  projectId: string;
  document: SpecDocument;
  boards: readonly Board[];
}

/** The Simulate stage: the whole swarm live in emulators, on the device map, in consoles and on MQTT. */
export function SimulateWorkspace({ projectId, document: { spec, revision }, boards }: Props) {
  const simulation = useSimulation(projectId);
  const [durationMs, setDurationMs] = useState(60_000);
  const boardNames = useMemo(() => new Map(boards.map((board) => [board.id, board.name])), [boards]);
  const { run, view } = simulation;

  useEffect(() => {
    document.title = `Simulate · ${spec.name} · Swarm Architect`;
  }, [spec.name]);

  return (
    <div className="flex h-screen flex-col">
      <ProjectHeader name={spec.name} revision={revision} />
      <StageRail />
      <SimulateToolbar
        durationMs={simulation.running && run ? run.durationMs : durationMs}
        onDuration={setDurationMs}
        runStatus={run?.status ?? null}
        waiting={run?.waiting ?? null}
        runError={run?.error ?? null}
        running={simulation.running}
        hasBuild={simulation.hasBuild}
        starting={simulation.starting}
        onStart={() => simulation.start(durationMs)}
        startError={simulation.startError}
        onDismissStartError={simulation.dismissStartError}
        stopping={simulation.stopping}
        onStop={simulation.stop}
        stopError={simulation.stopError}
      />
      <div className="flex min-h-0 flex-1">
        <main className="min-w-0 flex-1 overflow-y-auto" aria-label="Simulate">
          {simulation.loadError && (
            <p className="px-4 pt-3 text-sm text-rose-600">Could not follow this run: {simulation.loadError}</p>
          )}
          {spec.nodes.length === 0 ? (
            <p className="m-4 rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
              This project has no nodes yet: add some in Design, build them, then simulate the swarm here.
            </p>
          ) : (
            <>
              <div className="h-80 border-b border-slate-200 bg-slate-50">
                <LiveMap spec={spec} boardNames={boardNames} nodes={view.nodes} />
              </div>
              <ul className="grid grid-cols-[repeat(auto-fill,minmax(420px,1fr))] gap-4 p-4" aria-label="Nodes">
                {spec.nodes.map((node) => {
                  const nodeView = view.nodes[node.id] ?? emptyNode(node.id);
                  return (
                    <NodeSimCard
                      key={node.id}
                      node={node}
                      boardName={boardNames.get(node.board) ?? node.board}
                      view={nodeView}
                      checks={checksOf(nodeView, node.expect)}
                      runId={simulation.runId}
                    />
                  );
                })}
              </ul>
            </>
          )}
        </main>
        <aside
          className="flex w-[340px] shrink-0 flex-col border-l border-slate-200 bg-white"
          aria-label="MQTT traffic log"
        >
          <MqttLog entries={view.mqtt} brokerConnected={run?.brokerConnected ?? null} />
        </aside>
      </div>
    </div>
  );
}
