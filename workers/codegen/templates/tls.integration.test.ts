/**
 * The TLS variant of the ESP sources, built with the host compiler against the API stubs (ESP-IDF is not
 * installed here). Each SDK's MQTT configuration lines also run on the host: with the AWS values they must
 * pick SSL and hand the client the exact CA text; with the local values plain TCP and no certificate.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { injectConfig } from "../../build/inject-config";
import { IDF5, RTOS_SDK, type SdkVariant } from "./families/esp-sdk";
import { IDF5_STUBS, RTOS_SDK_STUBS } from "./testing/esp-stubs";
import { file, generate, greenhouseSpec, TEST_CONFIG } from "./testing/fixtures";
import { AWS_CONFIG, TEST_CA_PEM } from "./testing/tls";
import { compileEspWithStubs, writeFiles } from "./testing/toolchain";

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir(name: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `templates-tls-${name}-`));
  dirs.push(dir);
  return dir;
}

const SDKS = [
  {
    board: "esp8266-nodemcu",
    variant: RTOS_SDK,
    stubs: { ...IDF5_STUBS, ...RTOS_SDK_STUBS },
    transport: "config.transport",
    cert: "config.cert_pem",
  },
  {
    board: "esp32-devkitc",
    variant: IDF5,
    stubs: IDF5_STUBS,
    transport: "config.broker.address.transport",
    cert: "config.broker.verification.certificate",
  },
] as const;

/** A host program around the variant's configuration lines: prints the transport, then the CA it was given. */
function configProbe(variant: SdkVariant, transport: string, cert: string): string {
  return [
    "#include <stdio.h>",
    "#include <stdlib.h>",
    "#include <string.h>",
    '#include "mqtt_client.h"',
    '#include "config.h"',
    "static uint32_t parse_port(const char *text) { return (uint32_t)strtoul(text, NULL, 10); }",
    "static char client_id[96] = NODE_ID;",
    'static char last_will[128] = "{}";',
    ...(variant === RTOS_SDK
      ? ["static esp_err_t on_mqtt(esp_mqtt_event_handle_t e) { (void)e; return ESP_OK; }"]
      : []),
    "int main(void) {",
    "  esp_mqtt_client_config_t config;",
    "  memset(&config, 0, sizeof config);",
    ...variant.mqttConfig.map((line) => `  ${line}`),
    `  printf("%s\\n", ${transport} == MQTT_TRANSPORT_OVER_SSL ? "ssl" : ${transport} == MQTT_TRANSPORT_OVER_TCP ? "tcp" : "?");`,
    `  fputs(${cert} ? ${cert} : "(no certificate)", stdout);`,
    "  return 0;",
    "}",
  ].join("\n");
}

describe.each(SDKS)("$board MQTT over TLS", ({ board, variant, stubs, transport, cert }) => {
  it("the AWS build's main/*.c compile warning-free", async () => {
    const files = injectConfig(await generate(greenhouseSpec(board)), AWS_CONFIG);
    const sources = await compileEspWithStubs(await tempDir(board), files, stubs);
    expect(sources).toEqual(["main/main.c", "main/platform.c", "main/fmt.c"]);
  });

  it.each([
    ["AWS", AWS_CONFIG, `ssl\n${TEST_CA_PEM}`],
    ["local", TEST_CONFIG, "tcp\n(no certificate)"],
  ])("with the %s values the client is configured for what the broker speaks", async (_name, values, expected) => {
    const dir = await tempDir(`${board}-probe`);
    const config = file(injectConfig(await generate(greenhouseSpec(board)), values), "main/config.h");
    const stubFiles = Object.entries(stubs).map(([p, content]) => ({ path: `stubs/${p}`, content }));
    await writeFiles(dir, [
      { path: "config.h", content: config },
      { path: "probe.c", content: configProbe(variant, transport, cert) },
      ...stubFiles,
    ]);
    const flags = ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-include", "stubs/bsd.h", "-Istubs", "-I."];
    await run("cc", [...flags, "probe.c", "-o", "probe"], { cwd: dir });
    const { stdout } = await run(path.join(dir, "probe"), [], { cwd: dir });
    expect(stdout).toBe(expected);
  });
});
