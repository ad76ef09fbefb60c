import { defineExample } from "./example";

/** Two greenhouse beds that water themselves and a vent controller that keeps the air in range. */
export default defineExample({
  id: "greenhouse-climate",
  title: "Greenhouse climate",
  summary:
    "Two beds measure air and soil and run their own irrigation pump; a vent controller opens the fan above 27 °C " +
    "and heats below 18 °C. Every node builds with arm-none-eabi-gcc and boots in QEMU.",
  demonstrates: [
    "Rules that run on the node they switch (pump, fan, heater)",
    "Cortex-M3 and Cortex-M4 nodes side by side",
    "Several sensors feeding one telemetry record",
  ],
  spec: {
    version: 1,
    name: "Greenhouse climate",
    description:
      "Two greenhouse beds with air and soil sensors and their own pumps, and a vent controller with a fan and a heater.",
    nodes: [
      {
        id: "bed-1",
        name: "Bed 1 (tomatoes)",
        board: "lm3s6965evb",
        role: "sensor",
        behavior: "Measure air temperature, humidity and soil moisture every 2 s; run the pump while the soil is dry.",
        sensors: [
          { id: "air", type: "dht22", model: "DHT22", pin: "PB3" },
          { id: "soil", type: "soil_moisture", pin: "ADC0", unit: "%" },
        ],
        actuators: [{ id: "pump", type: "pump", pin: "PF0" }],
        telemetry: { intervalMs: 2000, fields: ["temperature", "humidity", "soil_moisture"] },
        expect: ["@t temperature", "@t humidity", "@t soil_moisture"],
        position: { x: 0, y: 0 },
      },
      {
        id: "bed-2",
        name: "Bed 2 (peppers)",
        board: "lm3s6965evb",
        role: "sensor",
        behavior: "Measure air temperature, humidity and soil moisture every 2 s; run the pump while the soil is dry.",
        sensors: [
          { id: "air", type: "dht22", model: "DHT22", pin: "PB3" },
          { id: "soil", type: "soil_moisture", pin: "ADC0", unit: "%" },
        ],
        actuators: [{ id: "pump", type: "pump", pin: "PF0" }],
        telemetry: { intervalMs: 2000, fields: ["temperature", "humidity", "soil_moisture"] },
        expect: ["@t temperature", "@t humidity", "@t soil_moisture"],
        position: { x: 240, y: 0 },
      },
      {
        id: "vent-controller",
        name: "Vent controller",
        board: "netduino-plus-2",
        role: "actuator",
        behavior:
          "Measure the air temperature at the vent every 5 s; run the fan when it is hot and the heater when it is cold.",
        sensors: [{ id: "vent_air", type: "ds18b20", model: "DS18B20", pin: "D2" }],
        actuators: [
          { id: "fan", type: "fan", pin: "D5" },
          { id: "heater", type: "heater", pin: "D6" },
        ],
        telemetry: { intervalMs: 5000, fields: ["temperature"] },
        expect: ["@t temperature"],
        position: { x: 120, y: 200 },
      },
    ],
    links: [
      { from: "bed-1", to: "vent-controller" },
      { from: "bed-2", to: "vent-controller" },
    ],
    rules: [
      { when: "soil_moisture < 35 %", then: "pump on" },
      { when: "vent-controller.temperature > 27 °C", then: "fan on" },
      { when: "vent-controller.temperature < 18 °C", then: "heater on" },
    ],
  },
});
