import { logicalLines } from "./source-text";
import type { Diagnostic } from "./types";
import type { FirmwareFile } from "../codegen/types";

/**
 * Defence in depth in front of the sandbox: refuse sources that try to read files outside their own tree.
 * The sandbox already hides the host (an escaping include finds nothing), so this check only has to catch the
 * plain forms and give a clear message; computed forms (macros) are left to the sandbox.
 */
export function checkSourcePolicy(files: FirmwareFile[]): Diagnostic[] {
  return files.flatMap((file) => [
    ...checkPreprocessor(file),
    ...checkJoinedLiterals(file),
    ...checkLinkerScript(file),
  ]);
}

/**
 * C joins adjacent string literals before asm() sees them, so `__asm__(".inc" "bin \"/x\"")` is an .incbin that no
 * single literal shows. Join them the way the compiler does (across lines too) and look again; lines already
 * reported by the per-line scan are not reported twice.
 */
function checkJoinedLiterals(file: FirmwareFile): Diagnostic[] {
  const text = logicalLines(file.content, { lineComments: true }).join("\n");
  const found: Diagnostic[] = [];
  const direct = new Set(
    text
      .split("\n")
      .map((line, index) => (INCBIN.test(line) ? index + 1 : 0))
      .filter(Boolean),
  );
  for (const literal of text.matchAll(/"(?:[^"\\\n]|\\.)*"(?:\s*"(?:[^"\\\n]|\\.)*")+/g)) {
    const joined = literal[0].replace(/"\s*"/g, "");
    const line = text.slice(0, literal.index).split("\n").length;
    if (INCBIN.test(joined) && !direct.has(line)) {
      found.push(
        error(
          file.path,
          line,
          ".incbin is not allowed: it embeds a file into the image (split across string literals)",
        ),
      );
    }
  }
  return found;
}

function pathProblem(target: string): string | null {
  // ld reads a leading "=" or "$SYSROOT" as the sysroot, which is "/" for Debian's cross toolchains.
  if (/^(=|\$SYSROOT)?[/\\]/.test(target)) return "an absolute path";
  if (target.split(/[\\/]/).includes("..")) return 'a path containing ".."';
  return null;
}

const error = (file: string, line: number, message: string): Diagnostic => ({
  file,
  line,
  column: null,
  severity: "error",
  message,
});

// "%:" is the digraph for "#"; #embed is C23's binary include.
const INCLUDE = /^\s*(?:#|%:)\s*(include_next|include|import|embed)\s*[<"]([^>"]*)[>"]/;
const PRAGMA_DEPENDENCY = /^\s*(?:#|%:)\s*pragma\s+GCC\s+dependency\s*[<"]([^>"]*)[>"]/;
const HAS_INCLUDE = /__has_include(?:_next)?\s*\(\s*[<"]([^>"]*)[>"]/g;
const AS_INCLUDE = /\.include\s+"([^"]*)"/g;
// .incbin copies a file's bytes into the image; firmware sources here are text and never need it.
const INCBIN = /\.incbin\b/;

function checkPreprocessor(file: FirmwareFile): Diagnostic[] {
  const found: Diagnostic[] = [];
  logicalLines(file.content, { lineComments: true }).forEach((text, index) => {
    const line = index + 1;
    const include = text.match(INCLUDE);
    const includeProblem = include && pathProblem(include[2]);
    if (include && includeProblem)
      found.push(error(file.path, line, `#${include[1]} of ${includeProblem} is not allowed`));
    const dependency = text.match(PRAGMA_DEPENDENCY);
    const dependencyProblem = dependency && pathProblem(dependency[1]);
    if (dependencyProblem)
      found.push(error(file.path, line, `#pragma GCC dependency on ${dependencyProblem} is not allowed`));
    for (const match of text.matchAll(HAS_INCLUDE)) {
      const problem = pathProblem(match[1]);
      if (problem) found.push(error(file.path, line, `__has_include of ${problem} is not allowed`));
    }
    for (const match of text.matchAll(AS_INCLUDE)) {
      const problem = pathProblem(match[1]);
      if (problem) found.push(error(file.path, line, `.include of ${problem} is not allowed`));
    }
    if (INCBIN.test(text))
      found.push(error(file.path, line, ".incbin is not allowed: it embeds a file into the image"));
  });
  return found;
}

// ld commands that open files by name: INCLUDE takes a bare name, the others a parenthesised list.
const LD_INCLUDE = /\bINCLUDE\s+("[^"]*"|[^\s;{}()]+)/g;
const LD_FILE_LIST = /\b(INPUT|GROUP|SEARCH_DIR|STARTUP|OUTPUT|AS_NEEDED)\s*\(([^)]*)\)/g;

function checkLinkerScript(file: FirmwareFile): Diagnostic[] {
  // Any file can be INCLUDEd by the linker script, so every file is scanned; C sources rarely contain these words.
  // Only real linker scripts keep "//": there it can start a path, elsewhere it starts a comment.
  const lineComments = !/\.(ld|lds|x)$/.test(file.path);
  const text = logicalLines(file.content, { lineComments }).join("\n");
  const lineAt = (offset: number) => text.slice(0, offset).split("\n").length;
  const found: Diagnostic[] = [];
  const check = (keyword: string, operand: string, offset: number) => {
    // "-l:name" and "-lname" search library paths for that name; the name is what matters.
    const target = operand.replace(/^"|"$/g, "").replace(/^-l:?/, "");
    const problem = pathProblem(target);
    if (problem) found.push(error(file.path, lineAt(offset), `${keyword} of ${problem} is not allowed`));
  };
  for (const match of text.matchAll(LD_INCLUDE)) check("INCLUDE", match[1], match.index ?? 0);
  for (const match of text.matchAll(LD_FILE_LIST)) {
    for (const operand of match[2].split(/[\s,]+/).filter(Boolean)) check(match[1], operand, match.index ?? 0);
  }
  return found.sort((a, b) => a.line - b.line);
}
