// Trigraphs are live under -std=c11 ("??=include" is "#include"), so a scanner must see them the way cpp does.
const trigraphs: Record<string, string> = {
  "=": "#",
  "/": "\\",
  "'": "^",
  "(": "[",
  ")": "]",
  "!": "|",
  "<": "{",
  ">": "}",
  "-": "~",
};

/**
 * Source lines as the preprocessor sees them, for scanning directives: trigraphs replaced, backslash-newline splices
 * joined (the continuation lines become empty, so line numbers still match the file), comments blanked out.
 * `lineComments` is false for linker scripts, where "//etc/passwd" is a path and not a comment.
 */
export function logicalLines(text: string, opts: { lineComments: boolean }): string[] {
  const physical = text.replace(/\?\?([=/'()!<>-])/g, (_all, c: string) => trigraphs[c]).split(/\r?\n/);
  const joined: string[] = [];
  for (let i = 0; i < physical.length; i++) {
    let line = physical[i];
    let consumed = 0;
    while (line.endsWith("\\") && i + consumed + 1 < physical.length) {
      consumed++;
      line = line.slice(0, -1) + physical[i + consumed];
    }
    joined.push(line, ...Array<string>(consumed).fill(""));
    i += consumed;
  }
  return stripComments(joined.join("\n"), opts.lineComments).split("\n");
}

/** Blanks comments (keeping newlines) while leaving string and character literals intact. */
function stripComments(text: string, lineComments: boolean): string {
  let out = "";
  let state: "code" | "block" | "line" | '"' | "'" = "code";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (state === "code") {
      if (c === "/" && next === "*") {
        state = "block";
        out += "  ";
        i++;
      } else if (lineComments && c === "/" && next === "/") {
        state = "line";
        out += "  ";
        i++;
      } else {
        if (c === '"' || c === "'") state = c;
        out += c;
      }
    } else if (state === "block") {
      if (c === "*" && next === "/") {
        state = "code";
        out += "  ";
        i++;
      } else {
        out += c === "\n" ? "\n" : " ";
      }
    } else if (state === "line") {
      if (c === "\n") state = "code";
      out += c === "\n" ? "\n" : " ";
    } else {
      // Inside a literal: an escape skips the next character; a newline ends an unterminated literal.
      if (c === "\\" && next !== undefined && next !== "\n") {
        out += c + next;
        i++;
        continue;
      }
      if (c === state || c === "\n") state = "code";
      out += c;
    }
  }
  return out;
}
