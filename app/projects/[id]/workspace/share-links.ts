/** Share links as the owner's Share menu shows them: pure, so the menu only renders what these return. */

export interface ShareLinkRecord {
  id: string;
  /** `/s/<token>`; null when the server no longer knows the token (it is shown once, at creation). */
  url: string | null;
  allowFirmware: boolean;
  createdAt: string | Date;
  revokedAt: string | Date | null;
}

export interface ShareLinkRow {
  id: string;
  /** The address to paste into another browser, or null when it can no longer be shown. */
  href: string | null;
  allowFirmware: boolean;
  createdAt: string;
  revokedAt: string | null;
}

/** `/s/abc` on `http://host:3000` -> `http://host:3000/s/abc`: what a person pastes into another browser. */
export function absoluteShareUrl(origin: string, url: string): string {
  return new URL(url, origin).toString();
}

const iso = (value: string | Date) => new Date(value).toISOString();

/** Live links first, newest first; revoked ones after them, most recently revoked first. */
export function shareLinkRows(links: readonly ShareLinkRecord[], origin: string): ShareLinkRow[] {
  const rows = links.map((link) => ({
    id: link.id,
    href: link.url ? absoluteShareUrl(origin, link.url) : null,
    allowFirmware: link.allowFirmware,
    createdAt: iso(link.createdAt),
    revokedAt: link.revokedAt === null ? null : iso(link.revokedAt),
  }));
  const live = rows.filter((row) => row.revokedAt === null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const revoked = rows.filter((row) => row.revokedAt !== null).sort((a, b) => b.revokedAt!.localeCompare(a.revokedAt!));
  return [...live, ...revoked];
}
