import { describe, expect, it } from "vitest";
import { referencedSecrets, secretNamePattern } from "./secret-names";

describe("secret names", () => {
  it("lists the secrets the network settings refer to, once each", () => {
    expect(
      referencedSecrets({
        wifi: { passwordSecret: "WIFI_PASSWORD" },
        mqtt: { usernameSecret: "MQTT_USER", passwordSecret: "WIFI_PASSWORD" },
      }),
    ).toEqual(["WIFI_PASSWORD", "MQTT_USER"]);
    expect(referencedSecrets({})).toEqual([]);
  });

  it("accepts UPPER_SNAKE_CASE only", () => {
    expect(secretNamePattern.test("WIFI_PASSWORD")).toBe(true);
    expect(secretNamePattern.test("wifi_password")).toBe(false);
    expect(secretNamePattern.test("1PASSWORD")).toBe(false);
  });
});
