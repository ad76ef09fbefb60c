import { describe, expect, it } from "vitest";
import { injectConfig } from "../../build/inject-config";
import { file, generate, greenhouseSpec, TEST_CONFIG } from "./testing/fixtures";
import { AWS_CONFIG } from "./testing/tls";

/** The CA's PEM as config.h must carry it: one C string, each line break an escaped newline. */
const ESCAPED_PEM =
  '#define MQTT_CA_PEM "-----BEGIN CERTIFICATE-----\\012' +
  "MIIBszCCAVmgAwIBAgIUSwarmTestCaOnlyForTheTemplateTests0wCgYIKoZI\\012" +
  "zj0EAwIwFzEVMBMGA1UEAwwMc3dhcm0tdGVzdC1jYTAeFw0yNjEyMDQwMDAwMDBa\\012" +
  '-----END CERTIFICATE-----\\012"';

describe("MQTT over TLS to a deployed server's broker", () => {
  it.each([
    ["esp32-devkitc", "config.broker.verification.certificate = MQTT_CA_PEM;", "config.broker.address.transport"],
    ["esp8266-nodemcu", "config.cert_pem = MQTT_CA_PEM;", "config.transport"],
  ])("%s: an AWS build carries the CA as an escaped C string and switches to SSL", async (id, certLine, transport) => {
    const files = await generate(greenhouseSpec(id));
    const aws = injectConfig(files, AWS_CONFIG);
    const config = file(aws, "main/config.h");
    expect(config).toContain(ESCAPED_PEM);
    expect(config).toContain('#define MQTT_PORT "8883"');
    const platform = file(aws, "main/platform.c");
    expect(platform).toContain(
      `${transport} = MQTT_CA_PEM[0] != '\\0' ? MQTT_TRANSPORT_OVER_SSL : MQTT_TRANSPORT_OVER_TCP;`,
    );
    expect(platform).toContain(`if (MQTT_CA_PEM[0] != '\\0') ${certLine}`);
  });

  it("a local build leaves the CA empty, so the firmware keeps plain TCP", async () => {
    const local = injectConfig(await generate(greenhouseSpec("esp32-devkitc")), TEST_CONFIG);
    expect(file(local, "main/config.h")).toContain('#define MQTT_CA_PEM ""');
  });

  it("a build without a CA value is refused, naming the placeholder", async () => {
    const files = await generate(greenhouseSpec("esp32-devkitc"));
    const { MQTT_CA_PEM: _omitted, ...withoutCa } = TEST_CONFIG;
    expect(() => injectConfig(files, withoutCa)).toThrow(/\{\{MQTT_CA_PEM\}\}/);
  });
});
