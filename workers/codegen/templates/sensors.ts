/**
 * Simulated reading sources. Each quantity has a plausible range and a per-sample step; the
 * firmware walks smoothly inside the range (see the `sim_*` functions in the generated main.c).
 */
export interface QuantityProfile {
  quantity: string;
  unit: string;
  /** Fixed-point decimals printed in telemetry (the firmware holds value * 10^decimals). */
  decimals: 0 | 1 | 2;
  min: number;
  max: number;
  /** Largest change per sample, in the quantity's unit. */
  step: number;
  /** 0/1 readings (motion, door contact) that switch now and then instead of walking. */
  binary?: boolean;
}

const q = (
  quantity: string,
  unit: string,
  decimals: 0 | 1 | 2,
  min: number,
  max: number,
  step: number,
  binary = false,
): QuantityProfile => ({ quantity, unit, decimals, min, max, step, ...(binary ? { binary } : {}) });

export const QUANTITIES: Readonly<Record<string, QuantityProfile>> = Object.fromEntries(
  [
    q("temperature", "°C", 2, 20, 30, 0.15),
    q("humidity", "%", 2, 40, 70, 0.6),
    q("soil_moisture", "%", 1, 20, 80, 0.8),
    q("light", "lux", 0, 50, 1000, 30),
    q("co2", "ppm", 0, 400, 1200, 20),
    q("pressure", "hPa", 2, 990, 1030, 0.25),
    q("distance", "cm", 1, 5, 200, 4),
    q("motion", "", 0, 0, 1, 1, true),
    q("door", "", 0, 0, 1, 1, true),
    q("button", "", 0, 0, 1, 1, true),
    q("sound", "dB", 1, 35, 85, 2),
    q("voltage", "V", 2, 3.3, 4.2, 0.02),
    q("current", "mA", 1, 10, 500, 8),
    q("battery", "%", 1, 60, 100, 0.2),
    q("water_level", "cm", 1, 10, 100, 1),
    q("rain", "mm/h", 1, 0, 20, 0.5),
    q("wind_speed", "m/s", 1, 0, 15, 0.5),
    q("ph", "pH", 2, 5.5, 8, 0.05),
    q("gas", "ppb", 0, 50, 600, 10),
    q("pm25", "µg/m³", 1, 2, 60, 1),
    q("heart_rate", "bpm", 0, 55, 110, 2),
    q("weight", "kg", 2, 0, 50, 0.2),
    q("flow", "L/min", 1, 0, 30, 0.5),
    q("uv", "index", 1, 0, 11, 0.2),
    q("rssi", "dBm", 0, -85, -40, 2),
  ].map((p) => [p.quantity, p]),
);

/** Used for sensor types nobody listed: a generic 0..100 analog reading. */
export const GENERIC: QuantityProfile = q("analog", "", 1, 0, 100, 1.5);

/** Words (sensor types, models, field names) -> the quantities they measure. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  temp: ["temperature"],
  thermometer: ["temperature"],
  thermistor: ["temperature"],
  ntc: ["temperature"],
  ds18b20: ["temperature"],
  lm35: ["temperature"],
  tmp36: ["temperature"],
  hum: ["humidity"],
  rh: ["humidity"],
  dht11: ["temperature", "humidity"],
  dht22: ["temperature", "humidity"],
  am2302: ["temperature", "humidity"],
  sht30: ["temperature", "humidity"],
  sht31: ["temperature", "humidity"],
  htu21d: ["temperature", "humidity"],
  si7021: ["temperature", "humidity"],
  aht20: ["temperature", "humidity"],
  bme280: ["temperature", "humidity", "pressure"],
  bme680: ["temperature", "humidity", "pressure", "gas"],
  bmp180: ["temperature", "pressure"],
  bmp280: ["temperature", "pressure"],
  scd30: ["co2", "temperature", "humidity"],
  scd40: ["co2", "temperature", "humidity"],
  scd41: ["co2", "temperature", "humidity"],
  soil: ["soil_moisture"],
  moisture: ["soil_moisture"],
  lux: ["light"],
  illuminance: ["light"],
  ldr: ["light"],
  photoresistor: ["light"],
  bh1750: ["light"],
  tsl2561: ["light"],
  mhz19: ["co2"],
  ccs811: ["co2", "gas"],
  barometer: ["pressure"],
  baro: ["pressure"],
  ultrasonic: ["distance"],
  hcsr04: ["distance"],
  vl53l0x: ["distance"],
  range: ["distance"],
  lidar: ["distance"],
  tof: ["distance"],
  pir: ["motion"],
  presence: ["motion"],
  occupancy: ["motion"],
  contact: ["door"],
  reed: ["door"],
  noise: ["sound"],
  microphone: ["sound"],
  mic: ["sound"],
  ina219: ["voltage", "current"],
  level: ["water_level"],
  wind: ["wind_speed"],
  anemometer: ["wind_speed"],
  voc: ["gas"],
  mq2: ["gas"],
  mq135: ["gas"],
  air_quality: ["gas"],
  pm2_5: ["pm25"],
  dust: ["pm25"],
  sds011: ["pm25"],
  pms5003: ["pm25"],
  pulse: ["heart_rate"],
  load_cell: ["weight"],
  hx711: ["weight"],
  water_flow: ["flow"],
  signal: ["rssi"],
};

export function normalizeWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

function lookup(word: string): readonly string[] | undefined {
  if (QUANTITIES[word]) return [word];
  return ALIASES[word] ?? ALIASES[word.replace(/_/g, "")];
}

/** The quantities a word (a sensor type/model or a field name) names: exact match first, then by its parts. */
export function quantitiesOf(text: string): readonly string[] {
  const word = normalizeWord(text);
  if (!word) return [];
  const exact = lookup(word);
  if (exact) return exact;
  const parts = word.split("_");
  // Longest runs of parts first, so "soil_moisture_pct" finds soil_moisture before moisture.
  for (let size = parts.length - 1; size >= 1; size--) {
    for (let start = 0; start + size <= parts.length; start++) {
      const found = lookup(parts.slice(start, start + size).join("_"));
      if (found) return found;
    }
  }
  return [];
}

export function profileOf(quantity: string): QuantityProfile {
  return QUANTITIES[quantity] ?? { ...GENERIC, quantity };
}
