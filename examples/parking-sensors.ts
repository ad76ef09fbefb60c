import type { SpecInput } from "../contracts/spec/schema";
import { defineExample } from "./example";

function bay(n: number): SpecInput["nodes"][number] {
  return {
    id: `bay-${n}`,
    name: `Bay ${n}`,
    board: "arduino-uno",
    role: "sensor",
    behavior:
      "Measure the distance to the car below every second; light the LED while the bay is taken (closer than 50 cm).",
    sensors: [{ id: "sonar", type: "hc-sr04", model: "HC-SR04", pin: "D7" }],
    actuators: [{ id: "led", type: "led", pin: "D13" }],
    telemetry: { intervalMs: 1000, fields: ["distance"] },
    expect: ["@t distance"],
    position: { x: (n - 1) * 240, y: 0 },
  };
}

/** Bay sensors that light their own "taken" LED, and an entrance barrier that lifts for a car. */
export default defineExample({
  id: "parking-sensors",
  title: "Parking bays",
  summary:
    "Three bays measure the distance to the car above them every second and light their LED when the bay is " +
    "taken; the entrance lifts the barrier on motion. Arduino Uno and Mega nodes, all booted in QEMU.",
  demonstrates: [
    "Several identical nodes made from one definition",
    "Distance, motion and light sensors",
    "A servo driven by a rule",
  ],
  spec: {
    version: 1,
    name: "Parking bays",
    description: "Ultrasonic sensors above three parking bays and a barrier at the entrance.",
    nodes: [
      bay(1),
      bay(2),
      bay(3),
      {
        id: "entrance",
        name: "Entrance barrier",
        board: "arduino-mega-2560",
        role: "actuator",
        behavior: "Watch the entrance lane and the daylight every second; lift the barrier servo while a car is there.",
        sensors: [
          { id: "pir", type: "pir", model: "HC-SR501", pin: "D22" },
          { id: "ldr", type: "ldr", pin: "A0" },
        ],
        actuators: [{ id: "barrier", type: "servo", pin: "D9" }],
        telemetry: { intervalMs: 1000, fields: ["motion", "light"] },
        expect: ["@t motion", "@t light"],
        position: { x: 240, y: 200 },
      },
    ],
    links: [
      { from: "bay-1", to: "entrance" },
      { from: "bay-2", to: "entrance" },
      { from: "bay-3", to: "entrance" },
    ],
    rules: [
      { when: "distance < 50 cm", then: "led on" },
      { when: "motion == 1", then: "barrier on" },
    ],
  },
});
