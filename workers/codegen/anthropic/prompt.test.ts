import { PLACEHOLDERS } from "../../build/inject-config";
import type { TextBlockParam } from "@anthropic-ai/sdk/resources/messages";
import { describe, expect, it } from "vitest";

import { describeBoard, hex, linkerRegions } from "./board-context";
import { buildPrompt } from "./prompt";
import { board, inputFor } from "./test-fixtures";

function userText(prompt: ReturnType<typeof buildPrompt>): string {
  const content = prompt.messages[0].content as TextBlockParam[];
  return content.map((block) => block.text).join("\n\n");
}

describe("buildPrompt", () => {
  it("puts the fixed instructions first and the cached board context second", () => {
    const prompt = buildPrompt(inputFor("climate-1"));
    expect(prompt.system).toHaveLength(2);
    expect(prompt.system[0].cache_control).toBeUndefined();
    expect(prompt.system[1].cache_control).toEqual({ type: "ephemeral" });
    const instructions = prompt.system[0].text;
    for (const needle of ["write_firmware", "@t {json}", "@e {json}", "startup.c", "link.ld", "avr-libc", "ESP-IDF"]) {
      expect(instructions).toContain(needle);
    }
    // Every placeholder the build fills must be one Claude is told about.
    for (const name of PLACEHOLDERS) {
      expect(instructions).toContain(`{{${name}}}`);
    }
    expect(instructions).toMatch(/RCC ready bits/);
    expect(instructions).toMatch(/more than 64 KiB of RAM/);
  });

  it("keeps the cached prefix identical for every node on the same board and every iteration", () => {
    const first = buildPrompt(inputFor("climate-1"));
    const again = buildPrompt({
      ...inputFor("climate-1"),
      iteration: 3,
      feedback: { previousFiles: [{ path: "main.c", content: "x" }], diagnostics: "main.c:1:1: error: boom" },
    });
    const otherBoard = buildPrompt(inputFor("soil-2"));
    expect(again.system).toEqual(first.system);
    expect(JSON.stringify(again.tools)).toBe(JSON.stringify(first.tools));
    expect(otherBoard.system[0].text).toBe(first.system[0].text);
    expect(otherBoard.system[1].text).not.toBe(first.system[1].text);
  });

  it("describes a Cortex-M board with budgets, memory map and linker regions in hex", () => {
    const text = buildPrompt(inputFor("climate-1")).system[1].text;
    expect(text).toContain("TI Stellaris LM3S6965 EVB");
    expect(text).toContain("LM3S6965");
    expect(text).toContain("cortex-m3");
    expect(text).toContain("50 MHz");
    expect(text).toContain("Flash budget for the application image: 262,144 bytes (256 KiB)");
    expect(text).toContain("RAM budget for static data + stack: 65,536 bytes (64 KiB)");
    expect(text).toContain("Heap: NOT allowed");
    expect(text).toContain("flash (flash): 0x00000000..0x0003FFFF, length 0x00040000");
    expect(text).toContain("sram (ram): 0x20000000..0x2000FFFF, length 0x00010000");
    expect(text).toContain("FLASH (rx) : ORIGIN = 0x00000000, LENGTH = 0x00040000");
    expect(text).toContain("_estack = 0x20010000");
    expect(text).toContain("UART0 (PL011) @ 0x4000C000, base address 0x4000C000, 115200 baud");
    expect(text).toContain("arm-none-eabi-gcc; cflags: -mcpu=cortex-m3 -mthumb");
    expect(text).toContain("led=PF0");
    expect(text).toContain('QEMU machine "lm3s6965evb"');
    expect(text).not.toContain("FPU");
  });

  it("describes an AVR board with 16-bit addresses and no linker script", () => {
    const text = describeBoard(board("arduino-uno"));
    expect(text).toContain("AVR with avr-libc");
    expect(text).toContain("sram (ram): 0x0100..0x08FF, length 0x0800 = 2,048 bytes (2 KiB)");
    expect(text).toContain("base address 0x00C0");
    expect(text).toContain("-mmcu=atmega328p");
    expect(text).not.toContain("link.ld MEMORY");
  });

  it("tells hard-float Cortex-M4 boards to enable the FPU, and allows a heap above 64 KiB", () => {
    const text = describeBoard(board("netduino-plus-2"));
    expect(text).toContain("CPACR");
    expect(text).toContain("Heap: allowed");
  });

  it("picks the application flash region behind boot2 for the linker", () => {
    const { flash } = linkerRegions(board("rpi-pico"));
    expect(flash).toEqual({ origin: 0x1000_0100, length: 2 * 1024 * 1024 - 256 });
    expect(hex(0xc0, 4)).toBe("0x00C0");
  });

  it("describes the swarm around the node: neighbours, links and the rules that concern it", () => {
    const text = userText(buildPrompt(inputFor("climate-1")));
    expect(text).toContain('# Swarm "Greenhouse"');
    expect(text).toContain('- soil-2 "Soil south": sensor on arduino-uno, telemetry moisture');
    expect(text).toContain('- gateway "Gateway": gateway on esp32-devkitc');
    expect(text).toContain("- climate-1 -> gateway (sends its data to gateway)");
    expect(text).not.toContain("soil-2 -> gateway");
    expect(text).toContain("- when temperature > 30 then switch fan on");
    expect(text).not.toContain("moisture < 20");
    expect(text).toContain("no network");
  });

  it("describes the node: behaviour, sensors, actuators, telemetry and checks", () => {
    const text = userText(buildPrompt(inputFor("climate-1")));
    expect(text).toContain("# The node to write firmware for: climate-1");
    expect(text).toContain("Raise an event when the temperature exceeds 30 C.");
    expect(text).toContain("- dht: temperature+humidity, model DHT22, pin PB3, unit C");
    expect(text).toContain("- fan: relay, pin PF0");
    expect(text).toContain(
      'every 2000 ms, exactly the fields temperature, humidity: @t {"temperature":…,"humidity":…}',
    );
    expect(text).toContain("  - @t humidity");
  });

  it("tells a networked node which credentials the swarm has", () => {
    const text = userText(buildPrompt(inputFor("gateway")));
    expect(text).toContain("password via {{WIFI_PASSWORD}}");
    expect(text).toContain("the MQTT broker has credentials: use {{MQTT_USER}} (only that one)");
    expect(text).toContain("- climate-1 -> gateway (receives data from climate-1)");
    expect(text).toContain("- soil-2 -> gateway (receives data from soil-2)");
  });

  it("feeds back previous files, diagnostics, memory figures and failed checks on later iterations", () => {
    const prompt = buildPrompt({
      ...inputFor("soil-2"),
      iteration: 2,
      feedback: {
        previousFiles: [
          { path: "main.c", content: "int main(void) { return undefined_thing; }\n" },
          { path: "README.md", content: "has a fence:\n```c\nx\n```\n" },
        ],
        diagnostics: "main.c:1:25: error: 'undefined_thing' undeclared (first use in this function)",
        memory: "flash 70,212 / 32,256 bytes (overflow by 37,956)",
        failedChecks: ["expected a line matching @t moisture within 10 s"],
      },
    });
    const content = prompt.messages[0].content as TextBlockParam[];
    expect(content).toHaveLength(2);
    const feedback = content[1].text;
    expect(feedback).toContain("# Iteration 2: the previous attempt failed");
    expect(feedback).toContain("### main.c\n```c\nint main(void) { return undefined_thing; }\n```");
    expect(feedback).toContain("### README.md\n````\nhas a fence:");
    expect(feedback).toContain("main.c:1:25: error: 'undefined_thing' undeclared");
    expect(feedback).toContain("flash 70,212 / 32,256 bytes (overflow by 37,956)");
    expect(feedback).toContain("- expected a line matching @t moisture within 10 s");
    expect(feedback).toContain("complete corrected set of files");
    expect(feedback.indexOf("### main.c")).toBeLessThan(feedback.indexOf("undeclared"));
  });

  it("ignores feedback on the first iteration and declares the write_firmware tool", () => {
    const prompt = buildPrompt({ ...inputFor("soil-2"), feedback: { previousFiles: [] } });
    expect(prompt.messages[0].content).toHaveLength(1);
    expect(prompt.tools).toHaveLength(1);
    const [tool] = prompt.tools;
    expect(tool.name).toBe("write_firmware");
    expect(tool.input_schema).toMatchObject({
      type: "object",
      required: ["files"],
      properties: { files: { type: "array", minItems: 1 }, notes: { type: "string" } },
    });
  });
});
