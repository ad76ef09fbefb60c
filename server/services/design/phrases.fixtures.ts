/** Phrasings and what design.parse must make of them; shared by the phrase-parser and Claude tests. */
import type { PhraseRow } from "./summary.fixtures";

export const PHRASES: PhraseRow[] = [
  {
    text: "three greenhouse sensors and a fan controller",
    expect: {
      nodes: [
        "greenhouse-1 sensor lm3s6965evb [temperature,humidity] {} 5000",
        "greenhouse-2 sensor lm3s6965evb [temperature,humidity] {} 5000",
        "greenhouse-3 sensor lm3s6965evb [temperature,humidity] {} 5000",
        "fan-controller actuator lm3s6965evb [uptime] {fan} 5000",
      ],
      rules: [],
      links: [],
    },
  },
  {
    text: "three greenhouse sensors measuring temperature and humidity every 5 seconds",
    expect: {
      nodes: [
        "greenhouse-1 sensor lm3s6965evb [temperature,humidity] {} 5000",
        "greenhouse-2 sensor lm3s6965evb [temperature,humidity] {} 5000",
        "greenhouse-3 sensor lm3s6965evb [temperature,humidity] {} 5000",
      ],
      rules: [],
      links: [],
    },
  },
  {
    text: "2 nodes on Blue Pills with soil moisture sensors",
    expect: {
      nodes: [
        "node-1 sensor bluepill-f103c8 [soil_moisture] {} 5000",
        "node-2 sensor bluepill-f103c8 [soil_moisture] {} 5000",
      ],
      rules: [],
      links: [],
    },
  },
  {
    text: "two temperature sensors and an ESP32 gateway",
    expect: {
      nodes: [
        "temperature-1 sensor lm3s6965evb [temperature] {} 5000",
        "temperature-2 sensor lm3s6965evb [temperature] {} 5000",
        "gateway gateway esp32-devkitc [uptime] {} 5000",
      ],
      rules: [],
      links: ["temperature-1->gateway", "temperature-2->gateway"],
    },
  },
  {
    text: "If temperature > 30 turn on the fan.",
    expect: {
      nodes: ["node sensor lm3s6965evb [temperature] {fan} 5000"],
      rules: ["temperature > 30 °C => fan on"],
      links: [],
    },
  },
  {
    text: "a Pico with a light sensor reporting every minute",
    expect: {
      nodes: ["light-sensor sensor rpi-pico [light] {} 60000"],
      rules: [],
      links: [],
    },
  },
  {
    text: "an STM32 node with a CO2 sensor, alert above 1000 ppm",
    expect: {
      nodes: ["node sensor stm32vldiscovery [co2] {} 5000"],
      rules: ["co2 > 1000 ppm => alert"],
      links: [],
    },
  },
  {
    text: "a Nucleo with a pressure sensor each 500 ms",
    expect: {
      nodes: ["pressure-sensor sensor nucleo-f401re [pressure] {} 500"],
      rules: [],
      links: [],
    },
  },
  {
    text: "4 ultrasonic parking sensors, alert when distance drops below 20 cm",
    expect: {
      nodes: [
        "ultrasonic-parking-1 sensor lm3s6965evb [distance] {} 5000",
        "ultrasonic-parking-2 sensor lm3s6965evb [distance] {} 5000",
        "ultrasonic-parking-3 sensor lm3s6965evb [distance] {} 5000",
        "ultrasonic-parking-4 sensor lm3s6965evb [distance] {} 5000",
      ],
      rules: ["distance < 20 cm => alert"],
      links: [],
    },
  },
  {
    text: "a door sensor with a reed switch and a buzzer; when the door opens sound the buzzer",
    expect: {
      nodes: ["door-sensor sensor lm3s6965evb [door] {buzzer} 5000"],
      rules: ["door == 1 => buzzer on"],
      links: [],
    },
  },
  {
    text: "a motion sensor that turns on the LED when motion is detected",
    expect: {
      nodes: ["motion-sensor sensor lm3s6965evb [motion] {led} 5000"],
      rules: ["motion == 1 => led on"],
      links: [],
    },
  },
  {
    text: "a soil sensor on an Arduino Uno. When humidity drops below 40 % turn on the pump.",
    expect: {
      nodes: ["soil-sensor sensor arduino-uno [soil_moisture,humidity] {pump} 5000"],
      rules: ["humidity < 40 % => pump on"],
      links: [],
    },
  },
  {
    text: "a gas sensor on an Arduino Mega, alert above 300 ppb",
    expect: {
      nodes: ["gas-sensor sensor arduino-mega-2560 [gas] {} 5000"],
      rules: ["gas > 300 ppb => alert"],
      links: [],
    },
  },
  {
    text: "a weather station with a BME280 every 10 minutes",
    expect: {
      nodes: ["weather-station sensor lm3s6965evb [temperature,humidity,pressure] {} 600000"],
      rules: [],
      links: [],
    },
  },
  {
    text: "a thermostat: when temperature falls below 18 °C turn on the heater, above 22 turn it off",
    expect: {
      nodes: ["heater-thermostat actuator lm3s6965evb [temperature] {heater} 5000"],
      rules: ["temperature < 18 °C => heater on", "temperature > 22 °C => heater off"],
      links: [],
    },
  },
  {
    text: "three Arduino Unos reading soil moisture once a minute",
    expect: {
      nodes: [
        "node-1 sensor arduino-uno [soil_moisture] {} 60000",
        "node-2 sensor arduino-uno [soil_moisture] {} 60000",
        "node-3 sensor arduino-uno [soil_moisture] {} 60000",
      ],
      rules: [],
      links: [],
    },
  },
  {
    text: "a couple of CO2 sensors twice a second",
    expect: {
      nodes: ["co2-1 sensor lm3s6965evb [co2] {} 500", "co2-2 sensor lm3s6965evb [co2] {} 500"],
      rules: [],
      links: [],
    },
  },
  {
    text: "an Uno with a DHT22, a buzzer and an LED; if humidity > 80 % turn on the buzzer and the led",
    expect: {
      nodes: ["node sensor arduino-uno [temperature,humidity] {buzzer,led} 5000"],
      rules: ["humidity > 80 % => buzzer on, led on"],
      links: [],
    },
  },
  {
    text: "a pump and a valve on an STM32F4 Discovery, when soil moisture is below 30 open the valve and start the pump",
    expect: {
      nodes: ["pump-controller actuator stm32f4-discovery [soil_moisture] {pump,valve} 5000"],
      rules: ["soil_moisture < 30 % => valve on, pump on"],
      links: [],
    },
  },
  {
    text: "a cold-chain fridge monitor on a Netduino, alert above 46 °F",
    expect: {
      nodes: ["cold-chain-fridge-monitor sensor netduino-plus-2 [temperature] {} 5000"],
      rules: ["temperature > 7.8 °C => alert"],
      links: [],
    },
  },
  {
    text: "six nodes. Each node measures light every 2 min.",
    expect: {
      nodes: [
        "node-1 sensor lm3s6965evb [light] {} 120000",
        "node-2 sensor lm3s6965evb [light] {} 120000",
        "node-3 sensor lm3s6965evb [light] {} 120000",
        "node-4 sensor lm3s6965evb [light] {} 120000",
        "node-5 sensor lm3s6965evb [light] {} 120000",
        "node-6 sensor lm3s6965evb [light] {} 120000",
      ],
      rules: [],
      links: [],
    },
  },
  {
    text: "a servo controller on a Black Pill",
    expect: {
      nodes: ["servo-controller actuator blackpill-f411ce [uptime] {servo} 5000"],
      rules: [],
      links: [],
    },
  },
  {
    text: "a Wi-Fi temperature sensor",
    expect: {
      nodes: ["temperature-sensor sensor esp32-devkitc [temperature] {} 5000"],
      rules: [],
      links: [],
    },
  },
  {
    text: "twelve parking sensors on Arduino Nanos",
    expect: {
      nodes: [
        "parking-1 sensor arduino-nano [distance] {} 5000",
        "parking-2 sensor arduino-nano [distance] {} 5000",
        "parking-3 sensor arduino-nano [distance] {} 5000",
        "parking-4 sensor arduino-nano [distance] {} 5000",
        "parking-5 sensor arduino-nano [distance] {} 5000",
        "parking-6 sensor arduino-nano [distance] {} 5000",
        "parking-7 sensor arduino-nano [distance] {} 5000",
        "parking-8 sensor arduino-nano [distance] {} 5000",
        "parking-9 sensor arduino-nano [distance] {} 5000",
        "parking-10 sensor arduino-nano [distance] {} 5000",
        "parking-11 sensor arduino-nano [distance] {} 5000",
        "parking-12 sensor arduino-nano [distance] {} 5000",
      ],
      rules: [],
      links: [],
    },
  },
  {
    text: "Monitor the temperature of 3 freezers and alert if any goes above -18 °C",
    expect: {
      nodes: [
        "freezer-1 sensor lm3s6965evb [temperature] {} 5000",
        "freezer-2 sensor lm3s6965evb [temperature] {} 5000",
        "freezer-3 sensor lm3s6965evb [temperature] {} 5000",
      ],
      rules: ["temperature > -18 °C => alert"],
      links: [],
    },
  },
  {
    text: "two ESP32 boards with BME280 sensors and an MQTT gateway",
    expect: {
      nodes: [
        "node-1 sensor esp32-devkitc [temperature,humidity,pressure] {} 5000",
        "node-2 sensor esp32-devkitc [temperature,humidity,pressure] {} 5000",
        "gateway gateway esp32-devkitc [uptime] {} 5000",
      ],
      rules: [],
      links: ["node-1->gateway", "node-2->gateway"],
    },
  },
  {
    text: "two greenhouses with a fan each",
    expect: {
      nodes: [
        "greenhouse-1 sensor lm3s6965evb [temperature,humidity] {fan} 5000",
        "greenhouse-2 sensor lm3s6965evb [temperature,humidity] {fan} 5000",
      ],
      rules: [],
      links: [],
    },
  },
  {
    text: "I want 5 soil moisture sensors on Arduino Nanos reporting every 30 seconds, and a pump controller on a Mega that turns on the pump when soil moisture drops below 30%",
    expect: {
      nodes: [
        "soil-moisture-1 sensor arduino-nano [soil_moisture] {} 30000",
        "soil-moisture-2 sensor arduino-nano [soil_moisture] {} 30000",
        "soil-moisture-3 sensor arduino-nano [soil_moisture] {} 30000",
        "soil-moisture-4 sensor arduino-nano [soil_moisture] {} 30000",
        "soil-moisture-5 sensor arduino-nano [soil_moisture] {} 30000",
        "pump-controller actuator arduino-mega-2560 [soil_moisture] {pump} 5000",
      ],
      rules: ["soil_moisture < 30 % => pump on"],
      links: [],
    },
  },
  {
    text: "a light sensor and a lamp; turn on the lights when light is below 100 lux",
    expect: {
      nodes: ["light-sensor sensor lm3s6965evb [light] {lamp} 5000"],
      rules: ["light < 100 lux => lamp on"],
      links: [],
    },
  },
  {
    text: "Build a weather station with temperature, humidity and pressure on an STM32, sending data over WiFi",
    expect: {
      nodes: ["weather-station sensor stm32vldiscovery [temperature,humidity,pressure] {} 5000"],
      rules: [],
      links: [],
    },
  },
];
