"use client";
import { useMemo, useState } from "react";
import { formatBytes, formatRelativeTime } from "@/app/_components/format";
import { ui } from "@/app/_components/ui";
import { withFlashRoute, type Board } from "@/boards";
import { chooseTransport } from "@/app/_flash/device-choice";
import type { SpecNode } from "@/contracts/spec/schema";
import { imagePlan, partsFromArtifacts } from "./flash-images";
import { downloadArtifacts, type BuiltImage } from "./use-latest-images";
import { useFlasher } from "./use-flasher";
import { FlashFileForm } from "./flash-file-form";
import { FlashProgress } from "./flash-progress";
import { RoutePicker } from "./route-picker";
import { Uf2Download } from "./uf2-download";
import { SerialMonitor } from "./serial-monitor";

interface Props {
  projectId?: string;
  node: SpecNode;
  board: Board;
  catalogue: readonly Board[];
  image: BuiltImage | null | "pending";
}

const protocolNames: Record<string, string> = {
  dfuse: "WebUSB DFU (DfuSe)",
  esptool: "Web Serial (esptool)",
  stk500v1: "Web Serial (STK500v1)",
  stk500v2: "Web Serial (STK500v2)",
  uf2: "UF2 drive",
  stlink: "WebUSB (ST-LINK)",
  "stm32-uart": "Web Serial (STM32 ROM bootloader)",
  picoboot: "WebUSB (PICOBOOT)",
  unsupported: "not flashable from a browser",
};

/**
 * One node in the Flash stage: the flash route (the catalogue's first unless the user picks another) and
 * its wiring, its last good image, Flash / Flash a file…, progress and the console.
 */
export function NodeFlashCard({ projectId, node, board: catalogueBoard, catalogue, image }: Props) {
  const [routeIndex, setRouteIndex] = useState(0);
  const route = catalogueBoard.flashRoutes[routeIndex] ?? catalogueBoard.flashRoutes[0]!;
  // Everything below sees the board as flashed over the chosen route (board.flash is that route's method).
  const board = useMemo(() => withFlashRoute(catalogueBoard, route), [catalogueBoard, route]);
  const flasher = useFlasher(board, catalogue);
  const [monitorOpen, setMonitorOpen] = useState(false);
  const protocol = board.flash.protocol;
  const browserFlashable = protocol !== "unsupported" && protocol !== "uf2";
  // The board's own reason (not this browser's): every capability granted leaves only the catalogue's answer.
  const reason = browserFlashable ? null : chooseTransport(board, { secureContext: true, serial: true, usb: true });
  const built = image && image !== "pending" ? image : null;
  const plan = built ? imagePlan(board, built.artifacts) : null;
  const busy = flasher.view.busy;
  const headingId = `flash-card-${node.id}-title`;
  const imageBytes = plan?.ok
    ? built!.artifacts
        .filter((a) => plan.kinds.includes(a.kind) && a.kind !== "manifest")
        .reduce((s, a) => s + a.size, 0)
    : 0;

  const flashBuild = () => {
    if (!built || !plan?.ok) return;
    void flasher.start(async (signal) =>
      partsFromArtifacts(board, await downloadArtifacts(built, node.id, plan.kinds, signal)),
    );
  };

  return (
    <li>
      <article
        aria-labelledby={headingId}
        data-testid={`flash-card-${node.id}`}
        data-phase={flasher.state.phase}
        className={`${ui.card} flex h-full flex-col gap-3 p-4`}
      >
        <header className="min-w-0">
          <h3 id={headingId} className="truncate text-sm font-semibold text-slate-900">
            {node.name} <span className="font-mono text-xs font-normal text-slate-500">{node.id}</span>
          </h3>
          <p className="truncate text-xs text-slate-500">
            {board.name} · {protocolNames[protocol] ?? protocol}
          </p>
        </header>

        <RoutePicker
          nodeId={node.id}
          routes={catalogueBoard.flashRoutes}
          selected={routeIndex}
          disabled={busy}
          onSelect={(index) => {
            setRouteIndex(index);
            flasher.dismiss();
          }}
        />

        {reason && !reason.ok ? (
          <>
            <p
              className="rounded-md bg-slate-50 p-2 text-xs text-slate-700 ring-1 ring-slate-200"
              data-testid="flash-reason"
            >
              {reason.message}
            </p>
            {built && <Uf2Download nodeId={node.id} board={board} image={built} />}
          </>
        ) : (
          <>
            <div className="text-xs text-slate-600" data-testid="flash-image">
              {image === "pending" && "Looking for the last successful build…"}
              {image === null && "No built image: build this node in the Build stage, or flash a file."}
              {plan && !plan.ok && <>Latest successful build: {plan.reason} Flash a file instead.</>}
              {plan?.ok && built && (
                <>
                  <span className="font-medium text-slate-800">{plan.summary}</span> · {formatBytes(imageBytes)} · built{" "}
                  <span title={built.createdAt}>{formatRelativeTime(built.createdAt)}</span>
                </>
              )}
            </div>
            {plan?.ok && (
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={ui.buttonPrimary}
                  onClick={flashBuild}
                  disabled={busy}
                  aria-label={`Flash ${node.id}`}
                >
                  Flash
                </button>
              </div>
            )}
            <FlashProgress
              nodeId={node.id}
              state={flasher.state}
              view={flasher.view}
              onCancel={flasher.cancel}
              onRetry={flasher.retry}
              onRemoveProtection={protocol === "stm32-uart" ? flasher.retryRemovingProtection : undefined}
              onConfirm={flasher.confirm}
              onDismiss={flasher.dismiss}
              onOpenMonitor={() => setMonitorOpen(true)}
            />
            <FlashFileForm
              key={route.label}
              board={board}
              nodeId={node.id}
              disabled={busy}
              defaultOpen={image === null || (plan !== null && !plan.ok)}
              onFlash={(parts) => void flasher.start(async () => parts)}
            />
          </>
        )}

        <footer className="mt-auto flex justify-end border-t border-slate-100 pt-2">
          <button
            type="button"
            className={`${ui.buttonGhost} text-xs`}
            onClick={() => setMonitorOpen(true)}
            disabled={busy}
            aria-label={`Serial monitor of ${node.id}`}
          >
            Serial monitor
          </button>
        </footer>
      </article>
      {monitorOpen && (
        <SerialMonitor
          projectId={projectId}
          node={node}
          board={board}
          port={flasher.port}
          onClose={() => setMonitorOpen(false)}
        />
      )}
    </li>
  );
}
