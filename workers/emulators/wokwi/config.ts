/** Wokwi's simulation API endpoint, the one `wokwi-cli` connects to unless WOKWI_CLI_SERVER says otherwise. */
export const WOKWI_DEFAULT_SERVER = "wss://wokwi.com/api/ws/beta";

/** The result an ESP node gets when no token is configured: it never blocks the rest of the swarm. */
export const WOKWI_NEEDS_TOKEN = "ESP32 simulation needs WOKWI_CLI_TOKEN";

/** Why a Wokwi run failed (`NodeRunResult.reason`); `detail` says more. None of them is ever a success. */
export const WOKWI_FAILURES = {
  /** The server answered the websocket upgrade with 401/403, or said so before its hello. */
  token: "Wokwi refused the token",
  /** The server could not be reached at all (DNS, refused, TLS). */
  unreachable: "Wokwi server unreachable",
  /** The websocket closed while the simulation was running. */
  lost: "Wokwi connection lost",
  /** The server answered a command with an error, sent an error message, or refused the upgrade otherwise. */
  server: "Wokwi server error",
  /** The wall-clock limit passed, or the server never said hello. */
  timeout: "timeout",
} as const;

export interface WokwiConfig {
  /** WOKWI_CLI_TOKEN; null when unset or empty. Sent only as the websocket's Authorization header, never logged. */
  token: string | null;
  /** WOKWI_CLI_SERVER, or Wokwi's own endpoint. */
  server: string;
}

/** Where the settings are read: process.env, or a test's own. */
export type WokwiEnv = Readonly<Record<string, string | undefined>>;

export function wokwiConfig(env: WokwiEnv = process.env): WokwiConfig {
  const token = env.WOKWI_CLI_TOKEN?.trim();
  const server = env.WOKWI_CLI_SERVER?.trim();
  return { token: token ? token : null, server: server ? server : WOKWI_DEFAULT_SERVER };
}

/** A ws:// or wss:// URL, or why the server setting is not one. */
export function checkServerUrl(server: string): string | null {
  try {
    const url = new URL(server);
    if (url.protocol === "ws:" || url.protocol === "wss:") return null;
    return `WOKWI_CLI_SERVER must be a ws:// or wss:// URL, not ${url.protocol}//`;
  } catch {
    return "WOKWI_CLI_SERVER is not a URL";
  }
}

/** Text that may quote what the server sent, with the token taken out should the server have echoed it. */
export function redactToken(text: string, token: string | null): string {
  return token ? text.split(token).join("••••") : text;
}
