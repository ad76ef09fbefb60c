/** The two ESP SDK flavours the ESP-IDF family targets, as data. */

/** What differs between ESP-IDF v5 (ESP32, -S3, -C3) and ESP8266_RTOS_SDK v3.4 (ESP8266). */
export interface SdkVariant {
  name: string;
  includes: string[];
  /** Network interface set-up before the Wi-Fi driver starts. */
  netifInit: string[];
  staInterface: string;
  /** Fills `config` (esp_mqtt_client_config_t) from host, port, client id, credentials and last will. */
  mqttConfig: string[];
  /** Connects the MQTT event handler to the client. */
  mqttEvents: string[];
  /** Extra functions the variant needs (event adapters). */
  helpers: string[];
  /** Board pin labels that name GPIO numbers (e.g. NodeMCU "D1" = GPIO5). */
  pinAliases: Readonly<Record<string, number>>;
}

export const IDF5: SdkVariant = {
  name: "ESP-IDF v5",
  includes: ["esp_netif.h"],
  netifInit: [
    "ESP_ERROR_CHECK(esp_netif_init());",
    "ESP_ERROR_CHECK(esp_event_loop_create_default());",
    "esp_netif_create_default_wifi_sta();",
  ],
  staInterface: "WIFI_IF_STA",
  mqttConfig: [
    'if (strstr(MQTT_HOST, "://") != NULL) {',
    "  config.broker.address.uri = MQTT_HOST;",
    "} else {",
    "  config.broker.address.hostname = MQTT_HOST;",
    "  config.broker.address.port = parse_port(MQTT_PORT);",
    "  config.broker.address.transport = MQTT_CA_PEM[0] != '\\0' ? MQTT_TRANSPORT_OVER_SSL : MQTT_TRANSPORT_OVER_TCP;",
    "}",
    "/* A deployed server's broker speaks TLS only; its certificate must chain to this CA (PEM, NUL-terminated). */",
    "if (MQTT_CA_PEM[0] != '\\0') config.broker.verification.certificate = MQTT_CA_PEM;",
    "config.credentials.client_id = client_id;",
    "if (MQTT_USER[0] != '\\0') {",
    "  config.credentials.username = MQTT_USER;",
    "  config.credentials.authentication.password = MQTT_PASSWORD;",
    "}",
    "config.session.last_will.topic = TOPIC_EVENTS;",
    "config.session.last_will.msg = last_will;",
    "config.session.last_will.qos = 1;",
  ],
  mqttEvents: ["ESP_ERROR_CHECK(esp_mqtt_client_register_event(mqtt, ESP_EVENT_ANY_ID, on_mqtt, NULL));"],
  helpers: [
    "static void on_mqtt(void *arg, esp_event_base_t base, int32_t id, void *data) {",
    "  (void)arg;",
    "  (void)base;",
    "  mqtt_event(id, (esp_mqtt_event_handle_t)data);",
    "}",
  ],
  pinAliases: {},
};

export const RTOS_SDK: SdkVariant = {
  name: "ESP8266_RTOS_SDK v3.4",
  includes: ["tcpip_adapter.h"],
  netifInit: ["tcpip_adapter_init();", "ESP_ERROR_CHECK(esp_event_loop_create_default());"],
  staInterface: "ESP_IF_WIFI_STA",
  mqttConfig: [
    'if (strstr(MQTT_HOST, "://") != NULL) {',
    "  config.uri = MQTT_HOST;",
    "} else {",
    "  config.host = MQTT_HOST;",
    "  config.port = parse_port(MQTT_PORT);",
    "  config.transport = MQTT_CA_PEM[0] != '\\0' ? MQTT_TRANSPORT_OVER_SSL : MQTT_TRANSPORT_OVER_TCP;",
    "}",
    "/* A deployed server's broker speaks TLS only; its certificate must chain to this CA (PEM, NUL-terminated). */",
    "if (MQTT_CA_PEM[0] != '\\0') config.cert_pem = MQTT_CA_PEM;",
    "config.client_id = client_id;",
    "if (MQTT_USER[0] != '\\0') {",
    "  config.username = MQTT_USER;",
    "  config.password = MQTT_PASSWORD;",
    "}",
    "config.lwt_topic = TOPIC_EVENTS;",
    "config.lwt_msg = last_will;",
    "config.lwt_qos = 1;",
    "config.event_handle = on_mqtt;",
  ],
  mqttEvents: [],
  helpers: [
    "static esp_err_t on_mqtt(esp_mqtt_event_handle_t event) {",
    "  mqtt_event((int32_t)event->event_id, event);",
    "  return ESP_OK;",
    "}",
  ],
  pinAliases: { D0: 16, D1: 5, D2: 4, D3: 0, D4: 2, D5: 14, D6: 12, D7: 13, D8: 15 },
};

/** GPIO number of an actuator pin label ("GPIO5", "IO5", "5", or a board alias), else -1. */
export function espPin(label: string | undefined, variant: SdkVariant): number {
  if (!label) return -1;
  const alias = variant.pinAliases[label.toUpperCase()];
  if (alias !== undefined) return alias;
  const m = /^(?:GPIO|IO|GP)?(\d{1,2})$/i.exec(label.trim());
  return m ? Number(m[1]) : -1;
}
