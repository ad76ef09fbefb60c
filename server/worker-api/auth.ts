import { createHash, timingSafeEqual } from "node:crypto";

/** Compares bearer tokens in constant time (hashing first makes the lengths equal). */
export function bearerMatches(header: string | null, expected: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? "");
  if (!match) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
