import { createHmac, timingSafeEqual } from "node:crypto";
import { keyFromEnvOrFile } from "./key-file";

export const OWNER_COOKIE = "swarm_owner";
const ONE_YEAR_S = 365 * 24 * 3600;

const sessionKey = () => keyFromEnvOrFile("SESSION_SECRET", "session-key");
const mac = (ownerId: string, key: Buffer) => createHmac("sha256", key).update(ownerId).digest("base64url");

/** `ownerId.hmac`: the owner id is not secret by itself, the signature makes it unforgeable. */
export function signOwnerId(ownerId: string, key: Buffer = sessionKey()): string {
  return `${ownerId}.${mac(ownerId, key)}`;
}

/** The owner id in a signed cookie value, or null when it is absent, malformed or signed with another key. */
export function verifyOwnerCookie(value: string | undefined, key: Buffer = sessionKey()): string | null {
  const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!match) return null;
  const expected = Buffer.from(mac(match[1], key));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : null;
}

export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/** httpOnly so scripts never see it, SameSite=Lax so other sites cannot ride it, Secure behind HTTPS. */
export function ownerCookieHeader(ownerId: string, secure: boolean): string {
  const attributes = [`${OWNER_COOKIE}=${signOwnerId(ownerId)}`, "Path=/", `Max-Age=${ONE_YEAR_S}`, "HttpOnly"];
  attributes.push("SameSite=Lax");
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}

/** HTTPS as the browser sees it: directly, or through a proxy that says so. */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(":", "")) === "https";
}
