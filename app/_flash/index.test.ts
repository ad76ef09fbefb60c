import { describe, expect, it } from "vitest";
import { getBoard } from "../../boards";
import { VirtualStlinkDevice } from "../../e2e/fixtures/virtual-stlink";
import { virtualF103c8 } from "../../e2e/fixtures/virtual-stm32-uart";
import { flash, FlashError, type FlashEvent } from "./index";

const bluePill = getBoard("bluepill-f103c8")!;
const [stlinkRoute, uartRoute] = bluePill.flashRoutes;
const image = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) & 0xff);
const parts = [{ offset: 0x0800_0000, data: image }];

async function failure(run: Promise<void>): Promise<FlashError> {
  const error = await run.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof FlashError)) throw new Error(`expected a FlashError, got ${String(error)}`);
  return error;
}

describe("flash() dispatch by route", () => {
  it("writes the Blue Pill through its preferred route, the ST-LINK, when no route is given", async () => {
    const device = new VirtualStlinkDevice({ probe: "v2", chip: "stm32f103c8" });
    await flash({ board: bluePill, device, parts });
    expect(device.memory.subarray(0, image.length)).toEqual(image);
  });

  it("writes the Blue Pill over the USB-serial route the user picked, asking for BOOT0 when needed", async () => {
    const port = virtualF103c8();
    const events: FlashEvent[] = [];
    await flash({
      board: bluePill,
      route: uartRoute,
      port,
      parts,
      onEvent: (event) => {
        events.push(event);
        // The user does what the instruction says: BOOT0 to 1 and reset.
        if (event.state === "connecting" && event.instruction) setTimeout(() => port.pressReset(true), 50);
      },
    });
    expect(port.memory.bytes.subarray(0, image.length)).toEqual(image);
    expect(events).toContainEqual({ state: "connecting", instruction: expect.stringMatching(/BOOT0/) });
    expect(events.at(-1)).toMatchObject({ state: "done", bytes: image.length });
  });

  it("refuses a route that belongs to another board, and a route whose device was not chosen", async () => {
    const pico = getBoard("rpi-pico")!;
    const wrong = await failure(flash({ board: bluePill, route: pico.flashRoutes[0], parts }));
    expect(wrong.code).toBe("unsupported-board");
    expect(wrong.message).toMatch(/has no "USB \(BOOTSEL\)" flash route/);
    const none = await failure(flash({ board: bluePill, route: stlinkRoute, parts }));
    expect(none.code).toBe("no-device");
  });
});
