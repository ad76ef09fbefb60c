"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { formatDateTime, formatRelativeTime } from "@/app/_components/format";
import { ui } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { absoluteShareUrl, shareLinkRows, type ShareLinkRow } from "./share-links";

/**
 * The owner's Share menu: make a read-only link (optionally letting holders download firmware built
 * without the project's secrets), copy it, see every link made, and revoke one.
 */
export function ShareMenu({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [allowFirmware, setAllowFirmware] = useState(false);
  const links = useQuery(trpc.share.list.queryOptions({ projectId }, { enabled: open, staleTime: 0 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.share.list.queryKey({ projectId }) });
  const create = useMutation(trpc.share.create.mutationOptions({ onSuccess: refresh }));
  const origin = typeof window === "undefined" ? "http://localhost" : window.location.origin;
  const created = create.data ? absoluteShareUrl(origin, create.data.url) : null;
  const rows = shareLinkRows(links.data ?? [], origin);

  return (
    <div className="relative" onKeyDown={(event) => event.key === "Escape" && setOpen(false)}>
      <button type="button" className={ui.buttonSecondary} aria-expanded={open} onClick={() => setOpen(!open)}>
        Share
      </button>
      {open && (
        <div
          className={`${ui.card} absolute right-0 z-20 mt-1 w-[28rem] p-3 shadow-lg`}
          role="dialog"
          aria-label="Share"
        >
          <p className="text-xs text-slate-600">
            Anyone with a link sees this project read-only: the map, the spec, builds, simulations and the dashboard.
            They can fork it into their own projects but never change yours, nor see its secrets.
          </p>
          <label className="mt-3 flex items-start gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={allowFirmware}
              onChange={(event) => setAllowFirmware(event.target.checked)}
            />
            <span>
              Allow firmware downloads (built without secrets)
              <span className="block text-xs text-slate-500">
                Images from a build that used the project&apos;s secrets are never offered through a link.
              </span>
            </span>
          </label>
          <div className="mt-2 flex items-center gap-2">
            <button
              type="button"
              className={ui.buttonPrimary}
              disabled={create.isPending}
              onClick={() => create.mutate({ projectId, allowFirmware })}
            >
              {create.isPending ? "Creating…" : "Create link"}
            </button>
          </div>
          {create.error && (
            <p role="alert" className="mt-2 text-sm text-rose-600">
              Could not create a link: {create.error.message}
            </p>
          )}
          {created && <CopyField url={created} label="New share link" />}

          <h3 className={`${ui.sectionTitle} mt-4`}>Links</h3>
          {links.isPending && <p className="mt-1 text-sm text-slate-500">Loading…</p>}
          {links.error && <p className="mt-1 text-sm text-rose-600">Could not list links: {links.error.message}</p>}
          {links.data && rows.length === 0 && <p className="mt-1 text-sm text-slate-500">No links yet.</p>}
          <ul className="mt-1 max-h-72 divide-y divide-slate-100 overflow-y-auto" aria-label="Share links">
            {rows.map((row) => (
              <LinkRow key={row.id} projectId={projectId} row={row} onRevoked={refresh} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The address in a read-only box, selected on focus, with a Copy button that says when it worked. */
function CopyField({ url, label }: { url: string; label: string }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const box = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      // No clipboard permission (or not a secure context): the box is selected for Ctrl+C instead.
      box.current?.select();
      setCopied("failed");
    }
  };
  return (
    <div className="mt-2 flex items-center gap-2">
      <input
        ref={box}
        readOnly
        value={url}
        aria-label={label}
        className={`${ui.input} font-mono text-xs`}
        onFocus={(event) => event.target.select()}
      />
      <button type="button" className={ui.buttonSecondary} onClick={() => void copy()}>
        Copy
      </button>
      <span role="status" className="w-20 shrink-0 text-xs text-slate-500">
        {copied === "copied" ? "Copied" : copied === "failed" ? "Press Ctrl+C" : ""}
      </span>
    </div>
  );
}

function LinkRow({ projectId, row, onRevoked }: { projectId: string; row: ShareLinkRow; onRevoked: () => void }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(trpc.share.revoke.mutationOptions({ onSuccess: onRevoked }));
  const name = row.href ?? `link ${row.id}`;
  return (
    <li className="py-2 text-sm" data-testid="share-link" data-revoked={row.revokedAt ? "true" : "false"}>
      {row.href ? (
        <p className={`truncate font-mono text-xs ${row.revokedAt ? "text-slate-400 line-through" : "text-slate-900"}`}>
          {row.href}
        </p>
      ) : (
        <p className="text-xs text-slate-500">Address shown only when it was created</p>
      )}
      <p className="text-xs text-slate-500">
        <span title={formatDateTime(row.createdAt)}>created {formatRelativeTime(row.createdAt)}</span>
        {row.allowFirmware && " · firmware downloads allowed"}
        {row.revokedAt && (
          <span className="font-medium text-rose-700" title={formatDateTime(row.revokedAt)}>
            {" "}
            · revoked {formatRelativeTime(row.revokedAt)}
          </span>
        )}
      </p>
      {!row.revokedAt && (
        <div className="mt-1 flex flex-wrap items-center gap-2">
          {row.href && !confirming && <CopyButton url={row.href} name={name} />}
          {confirming ? (
            <>
              <span className="text-xs text-rose-700">Anyone using this link loses access at once.</span>
              <button
                type="button"
                className={ui.buttonDanger}
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ projectId, linkId: row.id })}
              >
                {revoke.isPending ? "Revoking…" : "Yes, revoke"}
              </button>
              <button type="button" className={ui.buttonGhost} onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button
              type="button"
              className={ui.buttonGhostDanger}
              onClick={() => setConfirming(true)}
              aria-label={`Revoke ${name}`}
            >
              Revoke
            </button>
          )}
        </div>
      )}
      {revoke.error && <p className="mt-1 text-xs text-rose-600">{revoke.error.message}</p>}
    </li>
  );
}

function CopyButton({ url, name }: { url: string; name: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={ui.buttonGhost}
      aria-label={`Copy ${name}`}
      // navigator.clipboard is missing outside secure contexts: the button then just stays "Copy".
      onClick={() =>
        void Promise.resolve()
          .then(() => navigator.clipboard.writeText(url))
          .then(
            () => setCopied(true),
            () => setCopied(false),
          )
      }
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
