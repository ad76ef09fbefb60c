/** Same rule as the server's secret reference: UPPER_SNAKE_CASE, starting with a letter. */
export const secretNamePattern = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Secret names the spec refers to (Wi-Fi and MQTT credentials). */
export function referencedSecrets(network: {
  wifi?: { passwordSecret?: string };
  mqtt?: { usernameSecret?: string; passwordSecret?: string };
}): string[] {
  const names = [network.wifi?.passwordSecret, network.mqtt?.usernameSecret, network.mqtt?.passwordSecret];
  return [...new Set(names.filter((name): name is string => Boolean(name)))];
}
