import { createHash, timingSafeEqual } from "node:crypto";

export function bearerToken(header: string | null): string | null {
  return /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? null;
}

/** Compares bearer tokens in constant time (hashing first makes the lengths equal). */
export function bearerMatches(header: string | null, expected: string): boolean {
  const token = bearerToken(header);
  if (token === null) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(token), digest(expected));
}
