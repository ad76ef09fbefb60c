"use client";
import { useState, type FormEvent } from "react";
import { formatDateTime, formatRelativeTime } from "@/app/_components/format";
import { ui } from "@/app/_components/ui";
import { secretNamePattern } from "./secret-names";
import { useSecrets } from "./use-secrets";

/** Project secrets by name: set or replace one (write-only), delete, see which the spec still misses. */
export function SecretsPanel({ projectId, referenced }: { projectId: string; referenced: string[] }) {
  const secrets = useSecrets(projectId);
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const names = new Set(secrets.list.data?.map((secret) => secret.name));
  const missing = referenced.filter((ref) => secrets.list.data && !names.has(ref));
  const nameInvalid = name.length > 0 && !secretNamePattern.test(name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!secretNamePattern.test(name) || !value) return;
    secrets.set(name, value, () => {
      setName("");
      setValue("");
    });
  };

  return (
    <section aria-labelledby="secrets-heading" className="space-y-3 p-4">
      <h2 id="secrets-heading" className={ui.sectionTitle}>
        Secrets
      </h2>
      <p className="text-xs text-slate-600">
        Wi-Fi and MQTT passwords never go into the spec: the spec refers to them by name (e.g.{" "}
        <code className="rounded bg-slate-100 px-1 font-mono">passwordSecret: &quot;WIFI_PASSWORD&quot;</code>) and the
        worker puts the value into the firmware at build time. Values are stored encrypted and never shown again.
      </p>
      {missing.length > 0 && (
        <p className="rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-800">
          The spec refers to {missing.join(", ")}, which {missing.length === 1 ? "is" : "are"} not set yet.
        </p>
      )}
      {secrets.list.error && (
        <p className="text-sm text-rose-600">Could not list secrets: {secrets.list.error.message}</p>
      )}
      {secrets.list.data && secrets.list.data.length === 0 && <p className="text-xs text-slate-500">No secrets yet.</p>}
      <ul className="divide-y divide-slate-100" aria-label="Secret names">
        {secrets.list.data?.map((secret) => (
          <li key={secret.name} className="flex items-center justify-between gap-2 py-1.5">
            <div className="min-w-0">
              <p className="truncate font-mono text-xs font-medium text-slate-800">{secret.name}</p>
              <p className="text-[11px] text-slate-500" title={formatDateTime(secret.updatedAt)}>
                {referenced.includes(secret.name) ? "used by the spec · " : ""}set{" "}
                {formatRelativeTime(secret.updatedAt)}
              </p>
            </div>
            <button
              type="button"
              className={`${ui.buttonGhostDanger} text-xs`}
              onClick={() => secrets.remove(secret.name)}
              disabled={secrets.removing === secret.name}
              aria-label={`Delete secret ${secret.name}`}
            >
              {secrets.removing === secret.name ? "Deleting…" : "Delete"}
            </button>
          </li>
        ))}
      </ul>
      {secrets.removeError && <p className="text-xs text-rose-600">{secrets.removeError}</p>}
      <form onSubmit={submit} className="space-y-2 rounded-md border border-slate-200 p-3" aria-label="Add a secret">
        <div>
          <label htmlFor="secret-name" className={ui.label}>
            Name
          </label>
          <input
            id="secret-name"
            className={`${ui.input} mt-1 font-mono leading-6`}
            placeholder="WIFI_PASSWORD"
            value={name}
            onChange={(event) => setName(event.target.value.toUpperCase().replace(/[\s-]/g, "_"))}
            aria-invalid={nameInvalid}
            aria-describedby="secret-name-hint"
            autoComplete="off"
            spellCheck={false}
          />
          <p id="secret-name-hint" className={`mt-0.5 text-[11px] ${nameInvalid ? "text-rose-600" : "text-slate-500"}`}>
            UPPER_SNAKE_CASE, starting with a letter. An existing name is replaced.
          </p>
        </div>
        <div>
          <label htmlFor="secret-value" className={ui.label}>
            Value
          </label>
          <input
            id="secret-value"
            type="password"
            className={`${ui.input} mt-1`}
            value={value}
            maxLength={1000}
            onChange={(event) => setValue(event.target.value)}
            autoComplete="new-password"
          />
        </div>
        <button
          type="submit"
          className={`${ui.buttonSecondary} w-full`}
          disabled={secrets.setting || !value || !secretNamePattern.test(name)}
        >
          {secrets.setting ? "Saving…" : names.has(name) ? `Replace ${name}` : "Save secret"}
        </button>
        {secrets.setError && (
          <p role="alert" className="text-xs text-rose-600">
            {secrets.setError}
          </p>
        )}
      </form>
    </section>
  );
}
