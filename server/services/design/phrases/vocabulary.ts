/**
 * The words the offline parser knows, as data. Quantity names are the ones the template firmware
 * simulates (workers/codegen/templates/sensors.ts), so every field a proposal declares is one the
 * firmware can produce; vocabulary.test.ts checks that.
 */

export interface SensorWord {
  /** Words as they appear (singular), e.g. ["soil", "moisture"]. */
  phrase: string[];
  quantities: string[];
  /** A part number ("DHT22"): the sensor is recorded with it as model. */
  model?: string;
}

const s = (phrase: string, quantities: string[], model?: string): SensorWord => ({
  phrase: phrase.split(" "),
  quantities,
  ...(model ? { model } : {}),
});

const CLIMATE = ["temperature", "humidity"];

export const SENSOR_WORDS: readonly SensorWord[] = [
  s("soil moisture", ["soil_moisture"]),
  s("soil", ["soil_moisture"]),
  s("moisture", ["soil_moisture"]),
  s("temperature", ["temperature"]),
  s("temp", ["temperature"]),
  s("thermometer", ["temperature"]),
  s("thermistor", ["temperature"]),
  s("ds18b20", ["temperature"], "DS18B20"),
  s("humidity", ["humidity"]),
  s("dht11", CLIMATE, "DHT11"),
  s("dht22", CLIMATE, "DHT22"),
  s("sht31", CLIMATE, "SHT31"),
  s("bme280", [...CLIMATE, "pressure"], "BME280"),
  s("bmp280", ["temperature", "pressure"], "BMP280"),
  s("air quality", ["gas"]),
  s("carbon dioxide", ["co2"]),
  s("co2", ["co2"]),
  s("scd40", ["co2", ...CLIMATE], "SCD40"),
  s("light", ["light"]),
  s("lux", ["light"]),
  s("brightness", ["light"]),
  s("ldr", ["light"]),
  s("bh1750", ["light"], "BH1750"),
  s("pressure", ["pressure"]),
  s("barometer", ["pressure"]),
  s("barometric", ["pressure"]),
  s("motion", ["motion"]),
  s("movement", ["motion"]),
  s("pir", ["motion"], "PIR"),
  s("presence", ["motion"]),
  s("occupancy", ["motion"]),
  s("distance", ["distance"]),
  s("ultrasonic", ["distance"]),
  s("hc-sr04", ["distance"], "HC-SR04"),
  s("sonar", ["distance"]),
  s("proximity", ["distance"]),
  s("vl53l0x", ["distance"], "VL53L0X"),
  s("door", ["door"]),
  s("window", ["door"]),
  s("reed", ["door"]),
  s("gas", ["gas"]),
  s("smoke", ["gas"]),
  s("voc", ["gas"]),
  s("mq-2", ["gas"], "MQ-2"),
  s("mq-135", ["gas"], "MQ-135"),
  s("sound", ["sound"]),
  s("noise", ["sound"]),
  s("water level", ["water_level"]),
  s("rain", ["rain"]),
  s("wind", ["wind_speed"]),
  s("ph", ["ph"]),
  s("dust", ["pm25"]),
  s("pm2.5", ["pm25"]),
  s("weight", ["weight"]),
  s("load cell", ["weight"]),
  s("flow", ["flow"]),
  s("uv", ["uv"]),
  s("vibration", ["motion"]),
  s("button", ["button"]),
];

/** Unit each quantity is reported in (same as the firmware's profiles). */
export const QUANTITY_UNITS: Readonly<Record<string, string>> = {
  temperature: "°C",
  humidity: "%",
  soil_moisture: "%",
  light: "lux",
  co2: "ppm",
  pressure: "hPa",
  distance: "cm",
  gas: "ppb",
  sound: "dB",
  water_level: "cm",
  rain: "mm/h",
  wind_speed: "m/s",
  ph: "pH",
  pm25: "µg/m³",
  weight: "kg",
  flow: "L/min",
  uv: "index",
};

/** Actuator words -> actuator type (also its id). "light(s)" only counts as one after a switching verb. */
export const ACTUATOR_WORDS: Readonly<Record<string, string>> = {
  fan: "fan",
  ventilator: "fan",
  relay: "relay",
  pump: "pump",
  valve: "valve",
  sprinkler: "valve",
  led: "led",
  lamp: "lamp",
  buzzer: "buzzer",
  beeper: "buzzer",
  siren: "buzzer",
  servo: "servo",
  heater: "heater",
  motor: "motor",
  humidifier: "humidifier",
};

/** Switching contexts also accept these. */
export const ACTION_ONLY_ACTUATORS: Readonly<Record<string, string>> = { light: "lamp", alarm: "buzzer" };

export type HeadRole = "sensor" | "actuator" | "gateway" | "node";

/** Nouns that name a node, and the role each implies. */
export const HEAD_WORDS: Readonly<Record<string, HeadRole>> = {
  sensor: "sensor",
  probe: "sensor",
  detector: "sensor",
  meter: "sensor",
  logger: "sensor",
  monitor: "sensor",
  station: "sensor",
  tracker: "sensor",
  beacon: "sensor",
  controller: "actuator",
  actuator: "actuator",
  thermostat: "actuator",
  switch: "actuator",
  gateway: "gateway",
  hub: "gateway",
  bridge: "gateway",
  node: "node",
  board: "node",
  device: "node",
  unit: "node",
  microcontroller: "node",
  mcu: "node",
};

/** Words that describe a place or purpose and imply what is measured when nothing else is said. */
export const CONTEXT_QUANTITIES: Readonly<Record<string, string[]>> = {
  greenhouse: CLIMATE,
  climate: CLIMATE,
  weather: [...CLIMATE, "pressure"],
  room: CLIMATE,
  parking: ["distance"],
  garage: ["distance"],
  fridge: ["temperature"],
  freezer: ["temperature"],
  cold: ["temperature"],
  "cold-chain": ["temperature"],
  cooler: ["temperature"],
  plant: ["soil_moisture"],
  garden: ["soil_moisture"],
  irrigation: ["soil_moisture"],
  security: ["motion"],
  alarm: ["motion"],
  tank: ["water_level"],
};

/** Threshold units -> quantity, for "alert above 30 °C" where the reading is not named. */
export const UNIT_QUANTITIES: Readonly<Record<string, string>> = {
  "°c": "temperature",
  "°f": "temperature",
  c: "temperature",
  f: "temperature",
  celsius: "temperature",
  fahrenheit: "temperature",
  degree: "temperature",
  degrees: "temperature",
  ppm: "co2",
  ppb: "gas",
  hpa: "pressure",
  mbar: "pressure",
  lux: "light",
  lx: "light",
  cm: "distance",
  mm: "distance",
  db: "sound",
  "%": "humidity",
  percent: "humidity",
};

/** Words that carry no meaning for naming a node. */
export const FILLER_WORDS = new Set(
  (
    "a an the of with on using use uses that which who to for in at by from into my our your some this these those " +
    "is are be been should will would can could must it its they them their i we you need needs want wants have has " +
    "build make set up also please just there here one each every all per as and or plus then when if while"
  ).split(" "),
);
