import { describe, expect, it } from "vitest";
import { boards } from "../../../boards/index";
import { createTemplateGenerator, familyFor, supportedFamilies } from "./index";
import { board, cSegments, file, generate, greenhouseSpec } from "./testing/fixtures";

const PLACEHOLDER = /\{\{([A-Z_]+)\}\}/g;
const NETWORK = [
  "SWARM_ID",
  "NODE_ID",
  "WIFI_SSID",
  "WIFI_PASSWORD",
  "MQTT_HOST",
  "MQTT_PORT",
  "MQTT_USER",
  "MQTT_PASSWORD",
  "SERVER_URL",
  "MQTT_CA_PEM",
];
const isC = (path: string) => /\.[ch]$/.test(path);

describe("createTemplateGenerator", () => {
  it("is the templates generator and reports its version", async () => {
    const generator = createTemplateGenerator();
    expect(generator.name).toBe("templates");
    const spec = greenhouseSpec("lm3s6965evb");
    const lines: string[] = [];
    const result = await generator.generate({
      spec,
      node: spec.nodes[0]!,
      board: board("lm3s6965evb"),
      iteration: 1,
      onProgress: (l) => lines.push(l),
    });
    expect(result.generator).toMatch(/^templates\//);
    expect(result.usage).toBeUndefined();
    expect(lines).toEqual(["templates: 10 files for lm3s6965evb (lm3s)"]);
  });

  it("supports every family in the board catalogue", () => {
    for (const b of boards) expect(supportedFamilies()).toContain(b.family);
    expect(() => familyFor({ ...board("lm3s6965evb"), family: "pic32" })).toThrow(/no support for the pic32 family/);
  });

  it("honours an aborted signal", async () => {
    const spec = greenhouseSpec("lm3s6965evb");
    const controller = new AbortController();
    controller.abort();
    await expect(
      createTemplateGenerator().generate({
        spec,
        node: spec.nodes[0]!,
        board: board("lm3s6965evb"),
        iteration: 1,
        signal: controller.signal,
      }),
    ).rejects.toThrow();
  });
});

describe.each(boards.map((b) => [b.id, b.family] as const))("%s (%s)", (id, family) => {
  it("writes the same files for the same spec, with safe relative paths", async () => {
    const first = await generate(greenhouseSpec(id));
    const second = await generate(greenhouseSpec(id));
    expect(second).toEqual(first);
    for (const f of first) {
      expect(f.path).not.toMatch(/^\/|(^|\/)\.\.(\/|$)/);
      expect(f.content.endsWith("\n")).toBe(true);
      expect(f.content).not.toMatch(/[ \t]+\n/);
    }
    const paths = first.map((f) => f.path).sort();
    if (family.startsWith("esp")) {
      expect(paths).toEqual(
        ["CMakeLists.txt", "partitions.csv", "sdkconfig.defaults"]
          .concat([
            "main/CMakeLists.txt",
            "main/config.h",
            "main/fmt.c",
            "main/fmt.h",
            "main/main.c",
            "main/platform.c",
            "main/platform.h",
          ])
          .sort(),
      );
    } else {
      expect(paths).toEqual(
        expect.arrayContaining([
          "config.h",
          "console.c",
          "console.h",
          "fmt.c",
          "fmt.h",
          "main.c",
          "platform.c",
          "platform.h",
        ]),
      );
      expect(paths.includes("link.ld")).toBe(family !== "avr");
      expect(paths.includes("startup.c")).toBe(family !== "avr");
    }
  });

  it("puts each placeholder alone inside a C string literal, and only in C sources", async () => {
    const files = await generate(greenhouseSpec(id));
    const used = new Set<string>();
    for (const f of files) {
      if (!isC(f.path)) {
        expect(f.content, f.path).not.toMatch(PLACEHOLDER);
        continue;
      }
      for (const seg of cSegments(f.content)) {
        const names = [...seg.text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
        if (names.length === 0) continue;
        expect(seg.kind, `${f.path}: ${seg.text}`).toBe("string");
        expect(seg.text).toBe(`"{{${names[0]}}}"`);
        used.add(names[0]!);
      }
    }
    expect([...used].sort()).toEqual((board(id).hasNetwork ? NETWORK : ["SWARM_ID", "NODE_ID"]).sort());
  });
});

describe("main.c", () => {
  it("keeps hostile behaviour text inside its header comment", async () => {
    const behavior = "Close the comment */ int evil; /* reopen ??= {{WIFI_PASSWORD}} \\\n\nsecond line\u0007";
    const main = file(await generate(greenhouseSpec("lm3s6965evb", { behavior, name: "Bed */ 1" })), "main.c");
    const segments = cSegments(main);
    expect(segments[0]!.kind).toBe("comment");
    expect(segments[0]!.text).toContain("Close the comment * / int evil; / * reopen ? ?= { {WIFI_PASSWORD} }");
    expect(segments[0]!.text).toContain("second line");
    expect(segments[1]!.text.trimStart().startsWith("#include <stdint.h>")).toBe(true);
    const code = segments
      .filter((s) => s.kind === "code")
      .map((s) => s.text)
      .join("");
    expect(code).not.toContain("evil");
    expect(main).not.toContain("\u0007");
    expect(main).not.toMatch(/[ \t]+\n/);
  });

  it("reports every field, evaluates the rules it can and leaves the others to the aggregator", async () => {
    const main = file(await generate(greenhouseSpec("lm3s6965evb")), "main.c");
    expect(main).toContain('line_rom(&l, ROM(",\\"temperature\\":"));');
    expect(main).toContain('line_rom(&l, ROM(",\\"soil_moisture\\":"));');
    expect(main).toContain("edge = rule_edge(0, v[0] > 2000);");
    expect(main).toContain('rule_report(0, ROM("temperature"), v[0], 2, ROM("\\"fan on\\""));');
    expect(main).toContain('actuator_set(0, ROM("\\"fan\\""), 1, 0);');
    expect(main).toContain('rules[1]: when "avg(temperature) > 25 for 10 min" then "notify the farmer"');
    expect(main).toMatch(/Rules this node does not evaluate \(they belong to the aggregator\)/);
    expect(main).toContain('line_rom(&l, ROM(",\\"board\\":\\"lm3s6965evb\\""));');
  });

  it("escapes the then text as JSON inside a C string", async () => {
    const spec = greenhouseSpec("lm3s6965evb", {}, [{ when: "humidity >= 65.5 %", then: 'say "hi" \\ then fan on' }]);
    const main = file(await generate(spec), "main.c");
    expect(main).toContain(
      'rule_report(0, ROM("humidity"), v[1], 2, ROM("\\"say \\\\\\"hi\\\\\\" \\\\\\\\ then fan on\\""));',
    );
    expect(main).toContain("edge = rule_edge(0, v[1] >= 6550);");
  });

  it("uses flash strings on AVR and commands on network boards", async () => {
    expect(file(await generate(greenhouseSpec("arduino-uno")), "fmt.h")).toContain("#define ROM(s) PSTR(s)");
    const esp = await generate(greenhouseSpec("esp32-devkitc"));
    expect(file(esp, "main/main.c")).toContain("void node_command(const char *text, uint16_t len)");
    expect(file(esp, "main/main.c")).toContain("void app_main(void)");
    expect(file(esp, "main/platform.c")).toContain("static const int actuator_pins[1] = {5};");
  });
});

describe("console commands on bare metal", () => {
  it.each(["lm3s6965evb", "stm32vldiscovery", "rpi-pico", "arduino-uno"])(
    "%s: reads command lines while it waits between samples",
    async (id) => {
      const files = await generate(greenhouseSpec(id));
      const main = file(files, "main.c");
      expect(file(files, "platform.h")).toContain("int16_t platform_read(void);");
      expect(main).toContain("static char command_buf[COMMAND_MAX + 1u];");
      expect(main).toMatch(
        /while \(\(int32_t\)\(platform_millis\(\) - next\) < 0\) \{\n\s+console_poll\(\);\n\s+platform_idle\(\);/,
      );
      // A full line runs; an overlong one is reported as unknown and never run cut short.
      expect(main).toContain("if (c == '\\n' || c == '\\r') {");
      expect(main).toContain("node_command(command_buf, command_len);");
      expect(main).toContain("node_command(command_buf, 0);");
      expect(main).toMatch(
        /\} else if \(command_len < COMMAND_MAX\) \{\n\s+command_buf\[command_len\+\+\] = \(char\)c;/,
      );
    },
  );

  it("switches each actuator by name and reports anything else as unknown", async () => {
    const spec = greenhouseSpec("lm3s6965evb", {
      actuators: [
        { id: "fan", type: "fan", pin: "GPIO5" },
        { id: "pump", type: "pump", pin: "GPIO6" },
      ],
    });
    const main = file(await generate(spec), "main.c");
    expect(main).toContain("void node_command(const char *text, uint16_t len) {");
    expect(main).toContain('state = command_state(text, len, "fan");');
    expect(main).toContain('state = command_state(text, len, "pump");');
    expect(main).toContain(
      'actuator_set(1, ROM("\\"pump\\""), state == 2 ? (uint8_t)!actuator_on[1] : (uint8_t)state, -1);',
    );
    expect(main).toContain('event_begin(&l, ROM("command_unknown"));');
  });

  it("a node without actuators still answers every command (command_unknown)", async () => {
    const main = file(await generate(greenhouseSpec("arduino-uno", { actuators: [] }, [])), "main.c");
    expect(main).toContain("void node_command(const char *text, uint16_t len) {\n  (void)text;\n  (void)len;");
    expect(main).toContain('event_begin(&l, ROM("command_unknown"));');
    expect(main).not.toContain("actuator_set(");
  });
});

describe("ESP-IDF project", () => {
  it.each([
    ["esp32-devkitc", "esp32", "4MB", "40M", "0x100000"],
    ["esp32-s3-devkitc-1", "esp32s3", "8MB", "80M", "0x100000"],
    ["esp32-c3-devkitm-1", "esp32c3", "4MB", "80M", "0x100000"],
    ["esp8266-nodemcu", "esp8266", "4MB", "40M", "0xf0000"],
  ])(
    "%s: target, flash settings and a factory app where the flasher writes it",
    async (id, target, size, freq, app) => {
      const files = await generate(greenhouseSpec(id));
      const sdkconfig = file(files, "sdkconfig.defaults");
      expect(sdkconfig).toContain(`CONFIG_IDF_TARGET="${target}"`);
      expect(sdkconfig).toContain(`CONFIG_ESPTOOLPY_FLASHSIZE_${size}=y`);
      expect(sdkconfig).toContain(`CONFIG_ESPTOOLPY_FLASHFREQ_${freq}=y`);
      expect(sdkconfig).toContain('CONFIG_PARTITION_TABLE_CUSTOM_FILENAME="partitions.csv"');
      const rows = file(files, "partitions.csv")
        .split("\n")
        .filter((l) => l && !l.startsWith("#"))
        .map((l) => l.split(",").map((c) => c.trim()));
      expect(rows.map((r) => r[0])).toEqual(["nvs", "phy_init", "factory"]);
      expect(rows[2]!.slice(1, 5)).toEqual(["app", "factory", "0x10000", app]);
      // Partitions are contiguous from the end of the partition table (0x8000 + 0x1000) to the app.
      let offset = 0x9000;
      for (const r of rows) {
        expect(Number(r[3])).toBe(offset);
        offset += Number(r[4]);
      }
      const component = file(files, "main/CMakeLists.txt");
      for (const c of files.filter((f) => f.path.startsWith("main/") && f.path.endsWith(".c"))) {
        expect(component).toContain(`"${c.path.slice(5)}"`);
      }
      expect(file(files, "main/config.h")).toContain('#define TOPIC_PREFIX "swarm/" SWARM_ID "/nodes/" NODE_ID');
    },
  );

  it("uses the ESP8266 SDK's flat MQTT configuration and NodeMCU pin labels", async () => {
    const spec = greenhouseSpec("esp8266-nodemcu", { actuators: [{ id: "fan", type: "fan", pin: "D1" }] });
    const platform = file(await generate(spec), "main/platform.c");
    expect(platform).toContain("config.event_handle = on_mqtt;");
    expect(platform).toContain("tcpip_adapter_init();");
    expect(platform).toContain("static const int actuator_pins[1] = {5};");
    expect(platform).not.toContain("esp_netif");
  });
});
