/**
 * Refuses requests that could only come from another site, before tRPC runs: a browser submitting a
 * plain HTML form to the API (CSRF) sends a form content type and a foreign Origin, and modern browsers
 * say `Sec-Fetch-Site: cross-site`. The app's own calls send JSON from its own origin; server-side and
 * test clients send no Origin at all, which is fine: a browser always sends one on a cross-site POST.
 */
export function refuseForeignMutation(request: Request, publicUrl = process.env.PUBLIC_URL): Response | null {
  if (request.method !== "POST") return null;
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    return refusal(
      403,
      "CROSS_SITE_REQUEST",
      "Changes are only accepted from pages of this app, not from another site.",
    );
  }
  const origin = request.headers.get("origin");
  if (origin !== null && !ownHosts(request, publicUrl).has(hostOf(origin) ?? "")) {
    return refusal(403, "FOREIGN_ORIGIN", `Changes are only accepted from pages of this app, not from ${origin}.`);
  }
  const contentType = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (contentType !== "application/json") {
    return refusal(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the request body as JSON (content-type: application/json), not ${contentType || "without a content type"}.`,
    );
  }
  return null;
}

/** The hosts this app answers as: what the browser addressed (directly or through a proxy), and PUBLIC_URL. */
function ownHosts(request: Request, publicUrl: string | undefined): Set<string> {
  const hosts = new Set<string>();
  for (const header of ["host", "x-forwarded-host"]) {
    const value = request.headers.get(header)?.split(",")[0].trim().toLowerCase();
    if (value) hosts.add(value);
  }
  const fromUrl = hostOf(request.url);
  if (fromUrl) hosts.add(fromUrl);
  const configured = publicUrl ? hostOf(publicUrl) : undefined;
  if (configured) hosts.add(configured);
  return hosts;
}

/** `host[:port]` of a URL; undefined for "null" (sandboxed frames, file://) and anything unparseable. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

function refusal(status: 403 | 415, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}
