/** Build values of a node of an AWS deployment: its broker speaks TLS on 8883 with a certificate from this CA. */
import { TEST_CONFIG } from "./fixtures";

/** A CA certificate as the server publishes it at /ca.crt: PEM lines ending in "\n". */
export const TEST_CA_PEM = [
  "-----BEGIN CERTIFICATE-----",
  "MIIBszCCAVmgAwIBAgIUSwarmTestCaOnlyForTheTemplateTests0wCgYIKoZI",
  "zj0EAwIwFzEVMBMGA1UEAwwMc3dhcm0tdGVzdC1jYTAeFw0yNjEyMDQwMDAwMDBa",
  "-----END CERTIFICATE-----",
  "",
].join("\n");

export const AWS_CONFIG: Record<string, string> = {
  ...TEST_CONFIG,
  MQTT_HOST: "203.0.113.10",
  MQTT_PORT: "8883",
  SERVER_URL: "https://203.0.113.10",
  MQTT_CA_PEM: TEST_CA_PEM,
};
