import type { SpecInput } from "../contracts/spec/schema";
import { defineExample } from "./example";

function room(n: number, x: number): SpecInput["nodes"][number] {
  return {
    id: `room-${n}`,
    name: `Meeting room ${n}`,
    board: "lm3s811evb",
    role: "sensor",
    behavior: "Measure CO2, temperature and humidity every 10 s; run the ventilation fan while CO2 is above 1000 ppm.",
    sensors: [{ id: "scd40", type: "scd40", model: "SCD40", pin: "PB2" }],
    actuators: [{ id: "fan", type: "fan", pin: "PC5" }],
    telemetry: { intervalMs: 10_000, fields: ["co2", "temperature", "humidity"] },
    expect: ["@t co2", "@t temperature", "@t humidity"],
    position: { x, y: 0 },
  };
}

/** Meeting rooms that ventilate themselves, and an open-plan noise meter with a "quiet please" light. */
export default defineExample({
  id: "office-air-quality",
  title: "Office air quality",
  summary:
    "Two meeting rooms measure CO2, temperature and humidity and run their fan above 1000 ppm; a noise meter in " +
    "the open-plan area lights its LED above 70 dB. Stellaris and Arduino nodes, all booted in QEMU.",
  demonstrates: [
    "CO2-driven ventilation",
    "A fast sampling node (twice a second)",
    "Stellaris and Arduino nodes with no gateway",
  ],
  spec: {
    version: 1,
    name: "Office air quality",
    description: "CO2-driven ventilation in two meeting rooms and a noise meter in the open-plan office.",
    nodes: [
      room(1, 0),
      room(2, 240),
      {
        id: "open-plan",
        name: "Open-plan noise meter",
        board: "arduino-uno",
        role: "sensor",
        behavior: "Measure the sound level every half second; light the LED while it is louder than 70 dB.",
        sensors: [{ id: "mic", type: "microphone", pin: "A0", unit: "dB" }],
        actuators: [{ id: "led", type: "led", pin: "D13" }],
        telemetry: { intervalMs: 500, fields: ["sound"] },
        expect: ["@t sound"],
        position: { x: 480, y: 0 },
      },
    ],
    links: [],
    rules: [
      { when: "co2 > 1000 ppm", then: "fan on" },
      { when: "sound > 70 dB", then: "led on" },
    ],
  },
});
