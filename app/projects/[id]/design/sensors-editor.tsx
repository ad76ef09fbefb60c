"use client";
import { ui } from "@/app/_components/ui";
import type { SpecNode } from "@/contracts/spec/schema";
import { IDENTIFIER_PATTERN, IDENTIFIER_HINT } from "./rules";

type Sensor = SpecNode["sensors"][number];

/** Optional text props are left out of the spec when empty. */
function withOptional(sensor: Sensor, key: "unit" | "pin", value: string): Sensor {
  const next = { ...sensor };
  if (value === "") delete next[key];
  else next[key] = value;
  return next;
}

function nextSensorId(sensors: Sensor[]): string {
  let n = sensors.length + 1;
  while (sensors.some((sensor) => sensor.id === `sensor_${n}`)) n += 1;
  return `sensor_${n}`;
}

interface Props {
  sensors: Sensor[];
  /** `debounce` for typing, immediate for adding and removing rows. */
  onChange: (sensors: Sensor[], debounce: boolean) => void;
}

export function SensorsEditor({ sensors, onChange }: Props) {
  const update = (index: number, sensor: Sensor) =>
    onChange(
      sensors.map((s, i) => (i === index ? sensor : s)),
      true,
    );
  return (
    <div className="space-y-2">
      {sensors.length === 0 && (
        <p className="text-xs text-slate-500">No sensors yet. Add one for every reading this node takes.</p>
      )}
      <ul className="space-y-2">
        {sensors.map((sensor, index) => (
          <li key={index} className="rounded-md border border-slate-200 p-2">
            <div className="grid grid-cols-2 gap-2">
              <SensorInput
                label={`Sensor ${index + 1} id`}
                placeholder="id, e.g. soil"
                value={sensor.id}
                invalid={!IDENTIFIER_PATTERN.test(sensor.id)}
                onChange={(id) => update(index, { ...sensor, id })}
                mono
              />
              <SensorInput
                label={`Sensor ${index + 1} type`}
                placeholder="type, e.g. moisture"
                value={sensor.type}
                invalid={sensor.type.trim() === ""}
                onChange={(type) => update(index, { ...sensor, type })}
              />
              <SensorInput
                label={`Sensor ${index + 1} unit`}
                placeholder="unit, e.g. %"
                value={sensor.unit ?? ""}
                onChange={(unit) => update(index, withOptional(sensor, "unit", unit))}
              />
              <div className="flex gap-1">
                <SensorInput
                  label={`Sensor ${index + 1} pin`}
                  placeholder="pin, e.g. PA0"
                  value={sensor.pin ?? ""}
                  onChange={(pin) => update(index, withOptional(sensor, "pin", pin))}
                  mono
                />
                <button
                  type="button"
                  className={ui.buttonGhostDanger}
                  aria-label={`Remove sensor ${sensor.id || index + 1}`}
                  title="Remove sensor"
                  onClick={() =>
                    onChange(
                      sensors.filter((_, i) => i !== index),
                      false,
                    )
                  }
                >
                  ✕
                </button>
              </div>
            </div>
            {!IDENTIFIER_PATTERN.test(sensor.id) && (
              <p className="mt-1 text-xs text-rose-600">Sensor id: use {IDENTIFIER_HINT}.</p>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className={ui.buttonSecondary}
        disabled={sensors.length >= 16}
        onClick={() => onChange([...sensors, { id: nextSensorId(sensors), type: "temperature" }], false)}
      >
        + Add sensor
      </button>
    </div>
  );
}

function SensorInput(props: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  mono?: boolean;
}) {
  return (
    <input
      aria-label={props.label}
      placeholder={props.placeholder}
      className={`${ui.input} text-xs ${props.mono ? "font-mono" : ""}`}
      value={props.value}
      aria-invalid={props.invalid ? true : undefined}
      spellCheck={false}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}
