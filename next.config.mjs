/**
 * Security headers on every response. The Content Security Policy allows only this app's own scripts,
 * with 'unsafe-inline' because Next.js bootstraps each page with inline <script> tags: removing it needs a
 * fresh nonce per request (a proxy that rewrites every page, making every page dynamic). Stored XSS is
 * kept out by rendering every name and description as text (React escapes it; no dangerouslySetInnerHTML),
 * and the policy still refuses scripts from other origins, plugins, <base> rewrites, framing and forms
 * posting elsewhere. Styles need 'unsafe-inline' too (React Flow and xterm.js position with inline styles).
 * Web Serial and WebUSB need no CSP source, and no Permissions-Policy here restricts `serial` or `usb`.
 * connect-src: the app itself ('self', which covers its tRPC streams) and the embedded MQTT broker's
 * WebSocket port on any host the page was reached through. Next reads these headers at `next build`, so
 * MQTT_WS_PORT must be set then to change the port.
 * @param {Record<string, string | undefined>} env
 */
export function securityHeaders(env = process.env) {
  const development = env.NODE_ENV !== "production";
  const mqttWsPort = Number(env.MQTT_WS_PORT || 9001);
  const policy = {
    "default-src": ["'self'"],
    // `next dev` evaluates modules for hot reload; a production build never needs eval.
    "script-src": ["'self'", "'unsafe-inline'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", `ws://*:${mqttWsPort}`, `wss://*:${mqttWsPort}`],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  const csp = Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
    .join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Share links carry their token in the path: other sites never see it in a Referer.
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    // Only features the app never uses; serial and usb keep their default (this origin may ask).
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The app runs from the repository (npm start), so native/WASM server packages load from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "aedes", "mqtt", "ws"],
  // `npm test` type-checks the whole repository with tsc as its own step; checking again inside
  // `next build` doubled the build time on two cores and tied the app build to test-only files.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

export default nextConfig;
