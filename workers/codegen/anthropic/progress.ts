import type { Logger } from "@anthropic-ai/sdk/client";

export interface Progress {
  /** Always emitted: milestones such as the request start, a retry, the result. */
  now(line: string): void;
  /** Emitted at most once per interval: running counters that would otherwise flood the build log. */
  throttled(line: string): void;
}

export function createProgress(
  onProgress: ((line: string) => void) | undefined,
  redact: (text: string) => string,
  intervalMs = 500,
): Progress {
  let last = 0;
  const emit = (line: string) => {
    last = Date.now();
    // A progress callback that throws must not break the generation it reports on.
    try {
      onProgress?.(redact(line));
    } catch {
      /* ignored */
    }
  };
  return {
    now: emit,
    throttled(line) {
      if (Date.now() - last >= intervalMs) emit(line);
    },
  };
}

/**
 * The SDK retries 429/5xx/timeouts on its own and only says so in its log. This logger turns those
 * log lines into build-log progress so a user sees why a step is waiting; everything else the SDK
 * logs at info level (one line per request) is dropped. The SDK redacts credentials in its logs.
 */
export function sdkLogger(progress: Progress): Logger {
  const short = (args: unknown[]) =>
    args
      .map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a)))
      .join(" ")
      .slice(0, 300);
  return {
    info(message: string) {
      const status = /failed with status (\d+).*retrying, (\d+) attempts? remaining/.exec(message);
      if (status) {
        progress.now(`claude: Anthropic answered ${status[1]}, retrying (${status[2]} attempts left)`);
        return;
      }
      const connection = /connection (timed out|failed) - retrying, (\d+) attempts? remaining/.exec(message);
      if (connection) progress.now(`claude: connection ${connection[1]}, retrying (${connection[2]} attempts left)`);
    },
    warn: (...args: unknown[]) => progress.now(`claude (sdk warning): ${short(args)}`),
    error: (...args: unknown[]) => progress.now(`claude (sdk error): ${short(args)}`),
    debug: () => {},
  };
}
