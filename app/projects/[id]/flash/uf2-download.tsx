"use client";
import { useState } from "react";
import { ui } from "@/app/_components/ui";
import type { Board } from "@/boards";
import { binToUf2 } from "./uf2";
import { downloadArtifacts, type BuiltImage } from "./use-latest-images";

interface Props {
  nodeId: string;
  board: Board;
  image: BuiltImage;
}

/** The UF2 fallback: the node's built .bin as a .uf2 file to copy onto the board's USB drive. */
export function Uf2Download({ nodeId, board, image }: Props) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (board.flash.protocol !== "uf2" || !image.artifacts.some((artifact) => artifact.kind === "bin")) return null;
  const { address, familyId } = board.flash;

  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const bin = (await downloadArtifacts(image, nodeId, ["bin"])).get("bin")!;
      const uf2 = binToUf2(bin.bytes, address, familyId);
      const url = URL.createObjectURL(new Blob([uf2.slice().buffer], { type: "application/octet-stream" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `${nodeId}.uf2`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={ui.buttonSecondary}
        onClick={() => void download()}
        disabled={busy}
        aria-label={`Download ${nodeId}.uf2`}
      >
        Download .uf2
      </button>
      {problem && (
        <p role="alert" className="text-xs text-rose-700">
          {problem}
        </p>
      )}
    </div>
  );
}
