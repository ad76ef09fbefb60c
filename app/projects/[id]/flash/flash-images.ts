/**
 * What gets written where: a build's artifacts or the user's own files turned into flash parts for
 * the board's protocol. Pure; the hook downloads or reads the bytes and hands them in.
 */
import type { Board, FlashMethod } from "@/boards";
import { parseIntelHex } from "@/app/_flash/intel-hex";
import type { FlashPart } from "@/app/_flash/types";
import { parseEspWebToolsManifest } from "@/contracts/formats/esp-web-tools";

export interface ArtifactRef {
  kind: string;
  name: string;
  size: number;
}

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export type ImagePlan = { ok: true; kinds: string[]; summary: string } | { ok: false; reason: string };

const espKinds = ["bootloader", "partitions", "app"] as const;

/** Which of a build's artifacts to download for this board, or why there is nothing to flash. */
export function imagePlan(board: Board, artifacts: readonly ArtifactRef[]): ImagePlan {
  const has = (kind: string) => artifacts.find((artifact) => artifact.kind === kind);
  const method = board.flash;
  switch (method.protocol) {
    case "dfuse":
    case "stlink":
    case "stm32-uart":
    case "picoboot": {
      const bin = has("bin");
      return bin
        ? { ok: true, kinds: ["bin"], summary: `${bin.name} at ${formatOffset(binAddress(method)!)}` }
        : { ok: false, reason: "The build has no .bin image." };
    }
    case "stk500v1":
    case "stk500v2": {
      const image = has("hex");
      return image
        ? { ok: true, kinds: ["hex"], summary: image.name }
        : { ok: false, reason: "The build has no .hex image." };
    }
    case "esptool": {
      const parts = espKinds.filter((kind) => has(kind));
      if (has("manifest") && parts.length > 0) {
        return { ok: true, kinds: ["manifest", ...parts], summary: `${has("manifest")!.name} (${parts.join(", ")})` };
      }
      if (has("app")) return { ok: true, kinds: [...parts], summary: parts.map((kind) => has(kind)!.name).join(", ") };
      return { ok: false, reason: "The build has no ESP image parts." };
    }
    default:
      return { ok: false, reason: "This board cannot be flashed from the browser." };
  }
}

/** The parts to write from downloaded artifacts, keyed by kind. Throws an Error a person can read. */
export function partsFromArtifacts(board: Board, downloads: ReadonlyMap<string, NamedBytes>): FlashPart[] {
  const need = (kind: string) => {
    const file = downloads.get(kind);
    if (!file) throw new Error(`The build's ${kind} artifact is missing.`);
    return file;
  };
  const method = board.flash;
  const address = binAddress(method);
  if (address !== null) return [{ offset: address, data: need("bin").bytes }];
  if (method.protocol === "stk500v1" || method.protocol === "stk500v2") return hexParts(need("hex"));
  if (method.protocol !== "esptool") throw new Error(`${board.name} cannot be flashed from the browser.`);
  const files = espKinds.flatMap((kind) => (downloads.has(kind) ? [downloads.get(kind)!] : []));
  if (downloads.has("manifest")) return manifestParts(board, need("manifest"), files);
  const offsets = {
    bootloader: method.offsets.bootloader,
    partitions: method.offsets.partitionTable,
    app: method.offsets.app,
  };
  return espKinds.flatMap((kind) => (downloads.has(kind) ? [{ offset: offsets[kind], data: need(kind).bytes }] : []));
}

/** Where a raw .bin image starts for routes that write one (the flash's first byte), else null. */
function binAddress(method: FlashMethod): number | null {
  switch (method.protocol) {
    case "dfuse":
    case "uf2":
      return method.address;
    case "stlink":
    case "stm32-uart":
    case "picoboot":
      return method.flashAddress;
    default:
      return null;
  }
}

/** Where a lone .bin goes unless the user says otherwise: the app slot, the flash's first byte, byte 0. */
export function defaultOffset(board: Board): number {
  const method = board.flash;
  if (method.protocol === "esptool") return method.offsets.app;
  return binAddress(method) ?? 0;
}

/** "0x10000", "65536" -> 65536; anything else null. */
export function parseOffset(text: string): number | null {
  const value = text.trim();
  if (/^0x[0-9a-f]+$/i.test(value)) return Number.parseInt(value.slice(2), 16);
  if (/^\d+$/.test(value)) return Number.parseInt(value, 10);
  return null;
}

export function formatOffset(offset: number): string {
  return `0x${offset.toString(16).padStart(offset >= 0x10000 ? 8 : 4, "0")}`;
}

const extension = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";

/** Files the user picked: one .bin (written at `offset`), one .hex, or a manifest JSON plus its parts. */
export function partsFromFiles(board: Board, files: readonly NamedBytes[], offset: number | null): FlashPart[] {
  if (files.length === 0) throw new Error("Choose a .bin or .hex file, or a manifest with its parts.");
  const manifest = files.find((file) => extension(file.name) === "json");
  if (manifest) {
    return manifestParts(
      board,
      manifest,
      files.filter((file) => file !== manifest),
    );
  }
  if (files.length > 1) throw new Error("Choose one .bin or .hex file; several files need their manifest JSON too.");
  const [file] = files;
  const kind = extension(file.name);
  if (kind === "hex" || kind === "ihex") return hexParts(file);
  if (kind !== "bin") throw new Error(`${file.name} is not a .bin, .hex or manifest .json file.`);
  if (offset === null) throw new Error("Enter the offset the .bin goes to, e.g. 0x10000.");
  if (file.bytes.length === 0) throw new Error(`${file.name} is empty.`);
  return [{ offset, data: file.bytes }];
}

function hexParts(file: NamedBytes): FlashPart[] {
  const parts = parseIntelHex(new TextDecoder().decode(file.bytes));
  if (parts.length === 0) throw new Error(`${file.name} holds no data records.`);
  return parts;
}

const basename = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** An ESP Web Tools manifest: the build for this board's chip, each part matched to a file by name. */
function manifestParts(board: Board, manifest: NamedBytes, files: readonly NamedBytes[]): FlashPart[] {
  if (board.flash.protocol !== "esptool") throw new Error(`A manifest only describes ESP images, not ${board.name}.`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(manifest.bytes));
  } catch (error) {
    throw new Error(`${manifest.name} is not JSON: ${(error as Error).message}`);
  }
  const { manifest: parsed } = parseEspWebToolsManifest(json);
  const chip = board.flash.chip;
  const build = parsed.builds.find((candidate) => candidate.chipFamily === chip);
  if (!build) {
    const families = parsed.builds.map((candidate) => candidate.chipFamily).join(", ");
    throw new Error(`${manifest.name} has images for ${families}, not for ${board.name} (${chip}).`);
  }
  const byName = new Map(files.map((file) => [basename(file.name), file]));
  const missing = build.parts.filter((part) => !byName.has(basename(part.path)));
  if (missing.length > 0) {
    throw new Error(`Also choose the manifest's part files: ${missing.map((part) => basename(part.path)).join(", ")}.`);
  }
  return build.parts.map((part) => ({ offset: part.offset, data: byName.get(basename(part.path))!.bytes }));
}

/** Total bytes and a one-line description of what will be written. */
export function describeParts(parts: readonly FlashPart[]): string {
  const total = parts.reduce((sum, part) => sum + part.data.length, 0);
  const where = parts.map((part) => formatOffset(part.offset)).join(", ");
  return `${total.toLocaleString("en-US")} bytes at ${where}`;
}
