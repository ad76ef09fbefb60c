"use client";
import { cpp } from "@codemirror/lang-cpp";
import { EditorState } from "@codemirror/state";
import { basicSetup, EditorView } from "codemirror";
import { useEffect, useRef } from "react";

export interface CodeEditorProps {
  /** Read once when the editor mounts: give the component a new key to load another file. */
  initialValue: string;
  readOnly: boolean;
  label: string;
  onChange?: (value: string) => void;
}

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "12.5px", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "#f8fafc", color: "#94a3b8", borderRight: "1px solid #e2e8f0" },
});

/** CodeMirror 6 with C highlighting; loaded lazily (next/dynamic) so the Build stage stays light. */
export default function CodeEditor({ initialValue, readOnly, label, onChange }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const initial = useRef(initialValue);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial.current,
        extensions: [
          basicSetup,
          cpp(),
          theme,
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({ "aria-label": label, "aria-readonly": String(readOnly) }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
  }, [readOnly, label]);

  return <div ref={host} className="h-full min-h-0" data-testid="code-editor" data-readonly={readOnly} />;
}
