import { defineExample } from "./example";

/** Fridges that alarm on their own when they warm up, and a door monitor at the cold room. */
export default defineExample({
  id: "cold-chain",
  title: "Cold chain",
  summary:
    "Two vaccine fridges log their temperature every 30 s and sound a buzzer above 8 °C; the cold room's door " +
    "sensor lights a warning LED while the door stands open. STM32 and AVR nodes, all booted in QEMU.",
  demonstrates: [
    "Threshold alarms that need no gateway",
    "Slow telemetry (every 30 s) next to a fast door contact",
    "STM32 and AVR nodes in one swarm",
  ],
  spec: {
    version: 1,
    name: "Cold chain",
    description: "Vaccine fridges kept between 2 and 8 °C, and the cold room's door.",
    nodes: [
      {
        id: "fridge-1",
        name: "Fridge 1",
        board: "stm32vldiscovery",
        role: "sensor",
        behavior: "Log the fridge temperature every 30 s; sound the buzzer while it is above 8 °C.",
        sensors: [{ id: "probe", type: "ds18b20", model: "DS18B20", pin: "PA1", unit: "°C" }],
        actuators: [{ id: "buzzer", type: "buzzer", pin: "PC8" }],
        telemetry: { intervalMs: 30_000, fields: ["temperature"] },
        expect: ["@t temperature"],
        position: { x: 0, y: 0 },
      },
      {
        id: "fridge-2",
        name: "Fridge 2",
        board: "stm32vldiscovery",
        role: "sensor",
        behavior: "Log the fridge temperature every 30 s; sound the buzzer while it is above 8 °C.",
        sensors: [{ id: "probe", type: "ds18b20", model: "DS18B20", pin: "PA1", unit: "°C" }],
        actuators: [{ id: "buzzer", type: "buzzer", pin: "PC8" }],
        telemetry: { intervalMs: 30_000, fields: ["temperature"] },
        expect: ["@t temperature"],
        position: { x: 240, y: 0 },
      },
      {
        id: "cold-room-door",
        name: "Cold room door",
        board: "arduino-uno",
        role: "sensor",
        behavior:
          "Report the door contact and the room temperature every second; light the LED while the door is open.",
        sensors: [
          { id: "door", type: "reed", pin: "D2" },
          { id: "room", type: "ds18b20", model: "DS18B20", pin: "D3" },
        ],
        actuators: [{ id: "led", type: "led", pin: "D13" }],
        telemetry: { intervalMs: 1000, fields: ["door", "temperature"] },
        expect: ["@t door", "@t temperature"],
        position: { x: 480, y: 0 },
      },
    ],
    links: [],
    rules: [
      { when: "fridge-1.temperature > 8 °C", then: "buzzer on" },
      { when: "fridge-2.temperature > 8 °C", then: "buzzer on" },
      { when: "door == 1", then: "led on" },
    ],
  },
});
