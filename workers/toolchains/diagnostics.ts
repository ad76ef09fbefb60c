import path from "node:path";
import type { Diagnostic } from "./types";

type Severity = Diagnostic["severity"];

const severityOf = (word: string): Severity => {
  const lower = word.toLowerCase();
  if (lower.includes("error")) return "error";
  if (lower === "warning") return "warning";
  return "note";
};

// The linker prefixes its messages with its own path, e.g. "/usr/lib/gcc/avr/5.4.0/../../../avr/bin/ld: ".
const LD_PREFIX = /^(?:\S*\/)?(?:[\w.+]+-)*ld(?:\.bfd)?:\s?/;
const GCC = /^(.+?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
// GNU as has no column and capitalises ("main.S:3: Error: ..."); gcc without a column is the same shape.
const NO_COLUMN = /^(.+?):(\d+): (fatal error|error|warning|note|Error|Warning|Fatal error|Info): (.*)$/;
const LD_WITH_LINE = /^(.+?):(\d+): (.*)$/;
const LD_WITH_SECTION = /^(.+?):\([^)]*\): (.*)$/;
const LD_IN_FUNCTION = /^(.+?): in function [`'][^']*':?$/;
const TOOL = /^([\w.+-]+): (fatal error|error|warning|note): (.*)$/;

const normalizeBases = (dirs: string | readonly string[]) =>
  (typeof dirs === "string" ? [dirs] : [...dirs]).map((dir) => dir.replace(/\/+$/, "")).filter(Boolean);

/** Removes the given directories (most specific first) from free text: "<dir>/x" becomes "x", "<dir>" alone ".". */
export function scrubPaths(text: string, dirs: string | readonly string[]): string {
  let result = text;
  for (const base of normalizeBases(dirs)) {
    const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // "<base>ment" is another path and stays.
    result = result.replace(new RegExp(`${escaped}(/|(?![\\w.-]))`, "g"), (_all, slash: string) => (slash ? "" : "."));
  }
  return result;
}

/**
 * Parses gcc, as and ld messages into diagnostics. `workDir` is the directory (or directories, most specific first)
 * that paths are made relative to, both in file fields and inside messages: the host path must never reach a user.
 */
export function parseGccDiagnostics(stderr: string, workDir: string | readonly string[]): Diagnostic[] {
  const bases = normalizeBases(workDir);
  const relative = (file: string): string => {
    // The compiler's temporaries: an assembler error here comes from inline asm in C.
    if (/^\/tmp\/cc\w+\.s$/.test(file)) return "<inline assembly>";
    if (/^\/tmp\/cc\w+\.o$/.test(file)) return "<object file>";
    for (const base of bases) {
      if (base && file.startsWith(`${base}/`)) return file.slice(base.length + 1);
    }
    return path.posix.isAbsolute(file) ? file : path.posix.normalize(file);
  };
  const scrub = (message: string) => scrubPaths(message, bases).trim();

  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (file: string, line: number, column: number | null, severity: Severity, message: string) => {
    const diagnostic = { file: relative(file), line, column, severity, message: scrub(message) };
    const key = JSON.stringify(diagnostic);
    // ld repeats some region errors verbatim; one copy is enough feedback.
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push(diagnostic);
  };

  for (const raw of stderr.split("\n")) {
    const line = raw.replace(/\r$/, "");
    let match: RegExpMatchArray | null;
    const ld = line.match(LD_PREFIX);
    if (ld) {
      const rest = line.slice(ld[0].length);
      if (LD_IN_FUNCTION.test(rest)) continue;
      if ((match = rest.match(LD_WITH_LINE)) && !rest.startsWith("warning:")) {
        add(match[1], Number(match[2]), null, /^warning\b/.test(match[3]) ? "warning" : "error", match[3]);
      } else if ((match = rest.match(LD_WITH_SECTION))) {
        add(match[1], 0, null, "error", match[2]);
      } else if ((match = rest.match(/^(\S+) section `/))) {
        // "<output>.elf section `.text' will not fit in region `FLASH'": the file is the image being linked.
        add(match[1], 0, null, "error", rest);
      } else if (rest.startsWith("warning: ")) {
        add("ld", 0, null, "warning", rest.slice("warning: ".length));
      } else if (rest.trim()) {
        add("ld", 0, null, "error", rest);
      }
    } else if ((match = line.match(GCC))) {
      add(match[1], Number(match[2]), Number(match[3]), severityOf(match[4]), match[5]);
    } else if ((match = line.match(NO_COLUMN))) {
      add(match[1], Number(match[2]), null, severityOf(match[3]), match[4]);
    } else if ((match = line.match(/^(.+?):(\d+): ((?:undefined reference to|multiple definition of) .*)$/))) {
      add(match[1], Number(match[2]), null, "error", match[3]);
    } else if ((match = line.match(/^(.+?):\([^)]*\): ((?:undefined reference to|multiple definition of) .*)$/))) {
      add(match[1], 0, null, "error", match[2]);
    } else if ((match = line.match(TOOL))) {
      // "collect2: error: ld returned 1 exit status" only repeats that the linker errors above happened.
      if (match[1] === "collect2") continue;
      add(match[1], 0, null, severityOf(match[2]), match[3]);
    }
  }
  return diagnostics;
}

/** One line per diagnostic, the way gcc prints them: the feedback format the generator sees. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}${d.column !== null ? `:${d.column}` : ""}` : d.file;
  return `${where}: ${d.severity}: ${d.message}`;
}
