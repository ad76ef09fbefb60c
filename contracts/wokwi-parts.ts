/**
 * The Wokwi parts a node's diagram is made of (contracts/wokwi-diagram.ts): the board part per catalogue board, and
 * the sensor and actuator parts with their pins, as Wokwi's own part definitions name them.
 */

/** The facts about a Wokwi board part the generator needs, per catalogue board. */
export interface WokwiBoardPart {
  type: string;
  /** GPIOs handed out to digital signals, in order (no strapping, flash, console or USB pins). */
  digital: number[];
  /** ADC1 GPIOs handed out to analog signals, in order. */
  analog: number[];
  /** Further numbered pins of the part a node may ask for by name. */
  other: number[];
  /** GPIOs that cannot drive an output. */
  inputOnly: number[];
  /** Pins the part names other than by their GPIO number. */
  names: Record<number, string>;
  power3v3: string;
  power5v: string;
  grounds: string[];
}

/** Catalogue board id -> the Wokwi part that simulates it (pin names from Wokwi's board definitions). */
export const WOKWI_BOARD_PARTS: Readonly<Record<string, WokwiBoardPart>> = {
  "esp32-devkitc": {
    type: "board-esp32-devkit-c-v4",
    digital: [4, 16, 17, 5, 18, 19, 21, 22, 23, 25, 26, 27, 32, 33, 13, 14],
    analog: [36, 39, 34, 35, 32, 33],
    other: [0, 2, 12, 15],
    inputOnly: [34, 35, 36, 39],
    names: { 36: "VP", 39: "VN" },
    power3v3: "3V3",
    power5v: "5V",
    grounds: ["GND.1", "GND.2", "GND.3"],
  },
  "esp32-s3-devkitc-1": {
    type: "board-esp32-s3-devkitc-1",
    digital: [4, 5, 6, 7, 15, 16, 17, 18, 8, 9, 10, 11, 12, 13, 14, 21, 38, 39, 40, 41, 42, 47],
    analog: [1, 2, 4, 5, 6, 7, 8, 9, 10],
    other: [0, 3, 19, 20, 35, 36, 37, 45, 46, 48],
    inputOnly: [],
    names: {},
    power3v3: "3V3.1",
    power5v: "5V",
    grounds: ["GND.1", "GND.2", "GND.3", "GND.4"],
  },
  "esp32-c3-devkitm-1": {
    type: "board-esp32-c3-devkitm-1",
    digital: [4, 5, 6, 7, 10, 3, 1, 0, 18, 19, 2],
    analog: [0, 1, 2, 3, 4],
    other: [8, 9],
    inputOnly: [],
    names: {},
    power3v3: "3V3.1",
    power5v: "5V.1",
    grounds: ["GND.1", "GND.2", "GND.3", "GND.4"],
  },
};

/** Where a part's pin goes: a GPIO (digital in, digital out, ADC), the I2C bus, or a supply rail. */
export type WireTo = "in" | "out" | "adc" | "sda" | "scl" | "3v3" | "5v" | "gnd";
export interface PartKind {
  type: string;
  /** Words of a sensor's or actuator's model, type or id that pick this part. */
  words: string[];
  /** Part pin -> where it goes. The first GPIO wire takes the node's requested pin. */
  wires: [string, WireTo][];
  attrs?: Record<string, string>;
}

export const SENSOR_PARTS: PartKind[] = [
  {
    type: "wokwi-ds18b20",
    words: ["ds18b20", "onewire"],
    wires: [
      ["DQ", "in"],
      ["VCC", "3v3"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-ntc-temperature-sensor",
    words: ["ntc", "thermistor"],
    wires: [
      ["OUT", "adc"],
      ["VCC", "3v3"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-dht22",
    words: ["dht22", "dht11", "am2302", "dht", "temperature", "temp", "humidity", "hum", "rh", "climate"],
    wires: [
      ["SDA", "in"],
      ["VCC", "3v3"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-hc-sr04",
    words: ["hcsr04", "hc_sr04", "ultrasonic", "sonar", "distance", "range"],
    wires: [
      ["TRIG", "out"],
      ["ECHO", "in"],
      ["VCC", "5v"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-photoresistor-sensor",
    words: ["photoresistor", "ldr", "light", "lux", "illuminance", "brightness"],
    wires: [
      ["AO", "adc"],
      ["VCC", "3v3"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-pir-motion-sensor",
    words: ["pir", "hc_sr501", "hcsr501", "motion", "presence", "occupancy"],
    wires: [
      ["OUT", "in"],
      ["VCC", "5v"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-gas-sensor",
    words: ["mq2", "mq135", "gas", "smoke", "voc", "air_quality"],
    wires: [
      ["AOUT", "adc"],
      ["VCC", "3v3"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-mpu6050",
    words: ["mpu6050", "accelerometer", "gyro", "gyroscope", "imu", "tilt", "vibration"],
    wires: [
      ["SDA", "sda"],
      ["SCL", "scl"],
      ["VCC", "3v3"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-potentiometer",
    words: ["potentiometer", "pot", "knob"],
    wires: [
      ["SIG", "adc"],
      ["VCC", "3v3"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-pushbutton",
    words: ["button", "pushbutton"],
    wires: [
      ["1.l", "in"],
      ["2.l", "gnd"],
    ],
    attrs: { color: "green" },
  },
];

export const ACTUATOR_PARTS: PartKind[] = [
  {
    type: "wokwi-led",
    words: ["led", "light", "lamp", "indicator"],
    wires: [
      ["A", "out"],
      ["C", "gnd"],
    ],
    attrs: { color: "red" },
  },
  {
    type: "wokwi-servo",
    words: ["servo", "barrier", "gate", "vent", "damper"],
    wires: [
      ["PWM", "out"],
      ["V+", "5v"],
      ["GND", "gnd"],
    ],
  },
  {
    type: "wokwi-buzzer",
    words: ["buzzer", "alarm", "siren", "beeper"],
    wires: [
      ["1", "out"],
      ["2", "gnd"],
    ],
  },
  {
    type: "wokwi-relay-module",
    words: ["relay", "fan", "pump", "heater", "valve", "motor", "lock", "cooler", "humidifier", "solenoid"],
    wires: [
      ["IN", "out"],
      ["VCC", "5v"],
      ["GND", "gnd"],
    ],
  },
];

export const WIRE_COLORS: Record<WireTo, string> = {
  in: "green",
  out: "orange",
  adc: "yellow",
  sda: "blue",
  scl: "cyan",
  "3v3": "red",
  "5v": "red",
  gnd: "black",
};
