import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "./types";
import type { FirmwareFile } from "../codegen/types";

// Each segment starts with a letter, digit or "_": no ".", "..", hidden files, or names gcc would read as options.
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/** Why a generated file path is refused, or null; the message names the path so the generator can fix it. */
export function sourcePathProblem(filePath: string): string | null {
  const segments = filePath.split("/");
  if (filePath.length > 200 || !segments.every((segment) => SEGMENT.test(segment))) {
    return (
      `source path ${JSON.stringify(filePath)} is not allowed: use a plain relative path such as "main.c" or ` +
      `"drivers/uart.c" (no leading "/", no "..", no "\\", letters, digits, "_", ".", "+" and "-" only)`
    );
  }
  return null;
}

/** Problems with the file list as a whole: bad paths and duplicates. */
export function checkSourcePaths(files: FirmwareFile[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const problem = sourcePathProblem(file.path);
    if (problem) problems.push({ file: file.path, line: 0, column: null, severity: "error", message: problem });
    else if (seen.has(file.path)) {
      problems.push({ file: file.path, line: 0, column: null, severity: "error", message: "duplicate source path" });
    }
    seen.add(file.path);
  }
  return problems;
}

/** Writes already-checked sources below srcDir; "wx" refuses to follow or overwrite anything already there. */
export async function writeSources(srcDir: string, files: FirmwareFile[]): Promise<void> {
  await mkdir(srcDir, { recursive: true });
  for (const file of files) {
    const target = path.join(srcDir, ...file.path.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: "wx", mode: 0o644 });
  }
}
