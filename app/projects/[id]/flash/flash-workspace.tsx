"use client";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import type { Board } from "@/boards";
import { browserCapabilities } from "@/app/_flash/browser/capabilities";
import type { BrowserCapabilities } from "@/app/_flash/device-choice";
import { useLatestImages } from "./use-latest-images";
import type { SpecDocument } from "../design/design-workspace";
import { NodeFlashCard } from "./node-flash-card";
import { ProjectHeader } from "../workspace/project-header";
import { StageRail } from "../workspace/stage-rail";

interface Props {
  projectId: string;
  document: SpecDocument;
  boards: readonly Board[];
}

let cached: BrowserCapabilities | null = null;
const snapshot = () => (cached ??= browserCapabilities());
const noSubscription = () => () => {};

/** The Flash stage: one card per node, flashing its last good build (or a file) from this browser. */
export function FlashWorkspace({ projectId, document: { spec, revision }, boards }: Props) {
  const nodeIds = useMemo(() => spec.nodes.map((node) => node.id), [spec.nodes]);
  const { images, error } = useLatestImages(projectId, nodeIds);
  const byId = useMemo(() => new Map(boards.map((board) => [board.id, board])), [boards]);
  const browser = useSyncExternalStore(noSubscription, snapshot, () => null);

  useEffect(() => {
    document.title = `Flash · ${spec.name} · Swarm Architect`;
  }, [spec.name]);

  return (
    <div className="flex h-screen flex-col">
      <ProjectHeader name={spec.name} revision={revision} />
      <StageRail />
      <div className="flex min-h-0 flex-1">
        <main className="min-w-0 flex-1 space-y-4 overflow-y-auto p-4" aria-label="Flash">
          {error && <p className="text-sm text-rose-600">Could not list builds: {error}</p>}
          {spec.nodes.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
              This project has no nodes yet: add some in Design, build them, then flash them here.
            </p>
          ) : (
            <ul className="grid grid-cols-[repeat(auto-fill,minmax(340px,1fr))] gap-4" aria-label="Nodes">
              {spec.nodes.map((node) => {
                const board = byId.get(node.board);
                if (!board) {
                  return (
                    <li key={node.id} className="rounded-lg border border-rose-200 bg-white p-4 text-sm text-rose-700">
                      {node.name}: unknown board “{node.board}”.
                    </li>
                  );
                }
                return (
                  <NodeFlashCard
                    key={node.id}
                    projectId={projectId}
                    node={node}
                    board={board}
                    catalogue={boards}
                    image={images.get(node.id) ?? null}
                  />
                );
              })}
            </ul>
          )}
        </main>
        <aside
          className="w-[300px] shrink-0 space-y-3 overflow-y-auto border-l border-slate-200 bg-white p-4 text-xs text-slate-600"
          aria-label="About flashing"
        >
          <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">This browser</h2>
          {browser && (
            <ul className="space-y-1" data-testid="browser-support">
              <Support ok={browser.secureContext} label="Secure page (https or localhost)" />
              <Support ok={browser.serial} label="Web Serial (ESP, Arduino)" />
              <Support ok={browser.usb} label="WebUSB (STM32 DFU)" />
            </ul>
          )}
          <p>
            Plug the board in, put it in its bootloader when its card says so, then press Flash and pick it in the
            browser&apos;s dialog. Every write is read back and verified; nothing is installed on this computer.
          </p>
          <p>
            STM32 boards flash through their ROM DFU bootloader: hold BOOT0 (or the board&apos;s button) while plugging
            in. ESP and Arduino boards reset into their bootloader by themselves.
          </p>
        </aside>
      </div>
    </div>
  );
}

function Support({ ok, label }: { ok: boolean; label: string }) {
  return (
    <li className={ok ? "text-emerald-700" : "text-rose-700"}>
      <span aria-hidden>{ok ? "✓" : "✗"}</span> {label}
      <span className="sr-only">{ok ? " available" : " missing"}</span>
    </li>
  );
}
