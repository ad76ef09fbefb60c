import { withFlashRoute, type FlashRoute } from "../../boards/schema";
import { FlashError, type FlashOptions, type Flasher } from "./types";

export * from "./types";

/** Protocol modules load on demand, so esptool-js only reaches the browser when an ESP is flashed. */
const flashers: Record<string, () => Promise<Flasher>> = {
  esptool: async () => (await import("./esp/flash-esp")).espFlasher,
  dfuse: async () => (await import("./dfuse/flash-dfuse")).dfuseFlasher,
  stk500v1: async () => (await import("./stk500/flash-stk500")).stk500Flasher,
  stk500v2: async () => (await import("./stk500/flash-stk500")).stk500Flasher,
  picoboot: async () => (await import("./picoboot/flash-picoboot")).picobootFlasher,
  "stm32-uart": async () => (await import("./stm32-uart/flash-stm32-uart")).stm32UartFlasher,
  stlink: async () => (await import("./stlink/flash-stlink")).stlinkFlasher,
};

export interface RoutedFlashOptions extends FlashOptions {
  /** One of `board.flashRoutes`; without it, the route `board.flash` names (the preferred one). */
  route?: FlashRoute;
}

/**
 * Writes `parts` to the board behind `port` (Web Serial) or `device` (WebUSB) over the chosen route and
 * verifies them. Resolves only after verification; every failure rejects with a FlashError and is also
 * emitted as an `error` event, so a UI that only listens to events sees it.
 */
export async function flash(requested: RoutedFlashOptions): Promise<void> {
  const { route, ...options } = requested;
  try {
    if (route) {
      if (!options.board.flashRoutes.includes(route)) {
        throw new FlashError("unsupported-board", `${options.board.name} has no "${route.label}" flash route.`);
      }
      options.board = withFlashRoute(options.board, route);
    }
    const method = options.board.flash;
    const load = flashers[method.protocol];
    if (!load) {
      const reason = method.protocol === "unsupported" ? method.reason : `it flashes with ${method.protocol}`;
      throw new FlashError("unsupported-board", `${options.board.name} cannot be flashed from the browser: ${reason}`);
    }
    if (options.parts.length === 0) throw new FlashError("write-failed", "Nothing to flash: the build has no image.");
    const flasher = await load();
    await flasher.flash(options);
  } catch (error) {
    const failure = toFlashError(error, options.signal);
    options.onEvent?.({ state: "error", code: failure.code, message: failure.message });
    throw failure;
  }
}

export function toFlashError(error: unknown, signal?: AbortSignal): FlashError {
  if (error instanceof FlashError) return error;
  if (signal?.aborted) return new FlashError("cancelled", "Flashing was cancelled.");
  const message = error instanceof Error ? error.message : String(error);
  return new FlashError("write-failed", `Flashing failed: ${message}`);
}
