import { describe, expect, it } from "vitest";
import { buildModel } from "./model";
import { parseActions, parseCondition } from "./rules";
import { quantitiesOf } from "./sensors";
import { board, greenhouseSpec } from "./testing/fixtures";

describe("parseCondition", () => {
  it.each([
    ["temperature > 30", { field: "temperature", op: ">", value: 30, decimals: 0 }],
    ["temperature>30.25", { field: "temperature", op: ">", value: 30.25, decimals: 2 }],
    ["humidity <= 40 %", { field: "humidity", op: "<=", value: 40 }],
    ["soil_moisture < 25%", { field: "soil_moisture", op: "<", value: 25 }],
    ["co2 >= 1000 ppm", { field: "co2", op: ">=", value: 1000 }],
    ["motion == 1", { field: "motion", op: "==", value: 1 }],
    ["motion = 1", { field: "motion", op: "==", value: 1 }],
    ["temperature < -5.5 °C", { field: "temperature", op: "<", value: -5.5, decimals: 1 }],
    ["gh-1.temperature > 30", { node: "gh-1", field: "temperature", op: ">", value: 30 }],
    ["  Greenhouse-2 . Temperature > 3  ", { node: "greenhouse-2", field: "temperature" }],
  ])("%s", (when, expected) => {
    expect(parseCondition(when)).toMatchObject(expected);
  });

  it.each([
    "temperature > 30 and humidity < 40",
    "avg(temperature) > 30",
    "30 < temperature",
    "temperature rises quickly",
    "temperature > thirty",
    "a.b.c > 1",
  ])("leaves %j to the aggregator", (when) => {
    expect(parseCondition(when)).toBeUndefined();
  });
});

describe("parseActions", () => {
  it("finds actuator words and their state in each clause", () => {
    expect(parseActions("fan on")).toEqual([{ words: ["fan"], state: "on" }]);
    expect(parseActions("turn the relay off, open valve and led toggle")).toEqual([
      { words: ["turn", "the", "relay"], state: "off" },
      { words: ["valve"], state: "on" },
      { words: ["led"], state: "toggle" },
    ]);
    expect(parseActions("pump-2.pump on")).toEqual([{ node: "pump-2", words: ["pump"], state: "on" }]);
    expect(parseActions("notify the farmer")).toEqual([]);
  });
});

describe("quantitiesOf", () => {
  it.each([
    ["dht22", ["temperature", "humidity"]],
    ["DHT-22", ["temperature", "humidity"]],
    ["bme280", ["temperature", "humidity", "pressure"]],
    ["air_temperature", ["temperature"]],
    ["soil_moisture", ["soil_moisture"]],
    ["HC-SR04", ["distance"]],
    ["pm2.5", ["pm25"]],
    ["pir", ["motion"]],
    ["frobnicator", []],
  ])("%s", (word, quantities) => {
    expect(quantitiesOf(word)).toEqual(quantities);
  });
});

describe("buildModel", () => {
  const model = (...args: Parameters<typeof greenhouseSpec>) => {
    const spec = greenhouseSpec(...args);
    return buildModel(spec, spec.nodes[0]!, board(spec.nodes[0]!.board));
  };

  it("feeds each field from the sensor that measures it, sharing a sensor's channels", () => {
    const m = model("lm3s6965evb", {
      sensors: [
        { id: "air", type: "dht22" },
        { id: "soil", type: "capacitive soil moisture" },
        { id: "door", type: "reed switch" },
      ],
      telemetry: {
        intervalMs: 1000,
        fields: ["temperature", "humidity", "soil", "air_humidity", "co2", "count", "uptime"],
      },
    });
    expect(m.fields.map((f) => [f.name, f.source, f.decimals])).toEqual([
      ["temperature", { kind: "channel", channel: 0 }, 2],
      ["humidity", { kind: "channel", channel: 1 }, 2],
      ["soil", { kind: "channel", channel: 2 }, 1],
      ["air_humidity", { kind: "channel", channel: 1 }, 2],
      ["co2", { kind: "channel", channel: 3 }, 0],
      ["count", { kind: "counter" }, 0],
      ["uptime", { kind: "uptime" }, 0],
    ]);
    expect(m.channels.map((c) => [c.sensorId, c.profile.quantity])).toEqual([
      ["air", "temperature"],
      ["air", "humidity"],
      ["soil", "soil_moisture"],
      [null, "co2"],
    ]);
    expect(m.fields[4]!.note).toBe("no sensor on this node measures co2: simulated");
    expect(m.fields[5]!.note).toBe("no sensor matches this field: it counts samples");
    expect(m.unusedSensors).toEqual(["door (reed switch)"]);
  });

  it("evaluates simple rules on this node's fields, scaled to the field's decimals", () => {
    const m = model("lm3s6965evb", {}, [
      { when: "temperature > 24.5", then: "fan on" },
      { when: "gh-1.soil_moisture < 30.25", then: "fan off" },
      { when: "gh-2.temperature > 24", then: "fan on" },
      { when: "pressure > 1000", then: "fan on" },
      { when: "temperature > 20 and humidity > 50", then: "fan on" },
      { when: "humidity >= 60", then: "turn the fan on; pump-9.pump on" },
    ]);
    expect(m.localRules.map((r) => [r.index, r.field.name, r.op, r.threshold, r.rounded])).toEqual([
      [0, "temperature", ">", 2450, false],
      [1, "soil_moisture", "<", 303, true],
      [5, "humidity", ">=", 6000, false],
    ]);
    expect(m.remoteRules.map((r) => [r.index, r.reason])).toEqual([
      [2, "about node gh-2"],
      [3, "pressure is not one of this node's telemetry fields"],
      [4, "not in the simple `<field> <op> <number>` form"],
    ]);
    // Three rules drive the fan, so none of them switches it back when its condition clears.
    expect(m.localRules.map((r) => r.actions)).toEqual([
      [{ actuator: 0, state: "on", revertOnClear: false }],
      [{ actuator: 0, state: "off", revertOnClear: false }],
      [{ actuator: 0, state: "on", revertOnClear: false }],
    ]);
  });

  it("undoes an action when its rule clears and no other rule drives the actuator", () => {
    const m = model(
      "lm3s6965evb",
      {
        actuators: [
          { id: "vent", type: "fan" },
          { id: "lamp", type: "led" },
        ],
      },
      [
        { when: "temperature > 28", then: "fan on" },
        { when: "humidity < 45", then: "lamp toggle" },
      ],
    );
    expect(m.localRules.map((r) => r.actions)).toEqual([
      [{ actuator: 0, state: "on", revertOnClear: true }],
      [{ actuator: 1, state: "toggle", revertOnClear: false }],
    ]);
  });

  it("sizes the line buffer for the longest line", () => {
    const fields = Array.from({ length: 32 }, (_, i) => `field_number_${i}`);
    const m = model("arduino-uno", { telemetry: { intervalMs: 1000, fields } });
    const longest = `@t {"node":"${"n".repeat(40)}","seq":4294967295${fields.map((f) => `,"${f}":-2147483648`).join("")}}`;
    expect(m.lineMax).toBeGreaterThan(longest.length);
    expect(m.lineMax % 16).toBe(0);
  });
});
