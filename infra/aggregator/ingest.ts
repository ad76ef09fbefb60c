import mqtt, { type MqttClient } from "mqtt";
import { parseNodeTopic, swarmTopicFilter } from "../../contracts/topics";
import { coalesceWrites } from "./coalesce-writes";

/** CONNACK return codes (MQTT 3.1.1) that no reconnect can fix. */
const FATAL_CONNACK: Readonly<Record<number, string>> = {
  1: "unsupported protocol version",
  2: "client id rejected: some brokers accept only 23 characters",
  4: "bad user name or password",
  5: "not authorised",
};

export interface IngestOptions {
  url: string;
  username?: string;
  password?: string;
  swarmIds: string[];
  /** Fixed, so the broker keeps this session (subscriptions and queued QoS 1 messages) while we are away. */
  clientId: string;
  onMessage: (swarmId: string, nodeId: string, channel: "telemetry" | "events", payload: Buffer) => void;
  log?: (message: string) => void;
}

/**
 * The ingest side: one MQTT client subscribed to `swarm/{id}/#` at QoS 1 with a persistent session (clean: false),
 * reconnecting with backoff. The broker queues QoS 1 messages while it is disconnected (or restarting with
 * persistence) and delivers them on reconnect. PUBACK is sent once the message is in the store's write buffer.
 */
export class IngestClient {
  private client: MqttClient | null = null;
  private attempt = 0;
  private stopping = false;
  connected = false;

  constructor(private readonly options: IngestOptions) {}

  async start(): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    const client = mqtt.connect(this.options.url, {
      clientId: this.options.clientId,
      clean: false,
      protocolVersion: 4,
      username: this.options.username,
      password: this.options.password,
      reconnectPeriod: 500,
      connectTimeout: 10_000,
      keepalive: 30,
    });
    this.client = client;
    client.on("message", (topic, payload) => {
      const parsed = parseNodeTopic(topic);
      if (!parsed || parsed.channel === "command" || !this.options.swarmIds.includes(parsed.swarmId)) return;
      this.options.onMessage(parsed.swarmId, parsed.nodeId, parsed.channel, payload);
    });
    client.on("connect", (connack) => {
      // One PUBACK per message, each its own system call otherwise; a reconnect brings a new stream.
      coalesceWrites(client.stream);
      // A broker that lost the session (no persistence) gets the subscription again from mqtt.js (`resubscribe`).
      if (!connack.sessionPresent && this.attempt > 0) log("the broker had lost the aggregator's session");
      this.connected = true;
      this.attempt = 0;
      client.options.reconnectPeriod = 500;
    });
    client.on("close", () => {
      if (this.connected && !this.stopping) log("broker connection lost; reconnecting");
      this.connected = false;
      // Exponential backoff up to 10 s, so a broker that is down is not hammered.
      this.attempt += 1;
      client.options.reconnectPeriod = Math.min(10_000, 500 * 2 ** Math.min(this.attempt, 5));
    });
    client.on("error", (error) => log(`broker: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => {
        // A refusal that retrying cannot fix fails the start instead of reconnecting for ever.
        const reason = FATAL_CONNACK[(error as { code?: number }).code ?? 0];
        if (reason) {
          client.end(true);
          reject(new Error(`the broker refused the aggregator (${reason}): ${error.message}`));
        }
      };
      client.once("connect", () => {
        client.removeListener("error", onError);
        resolve();
      });
      client.on("error", onError);
    });
    await this.subscribe();
  }

  private async subscribe(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const granted = await client.subscribeAsync(this.options.swarmIds.map(swarmTopicFilter), { qos: 1 });
    const refused = granted.filter((g) => g.qos === 128).map((g) => g.topic);
    if (refused.length) throw new Error(`the broker refused the subscription to ${refused.join(", ")} (check its ACL)`);
  }

  /** Publishes a command to a node at QoS 1 and resolves when the broker has it. */
  async publish(topic: string, payload: string): Promise<void> {
    if (!this.client) throw new Error("the aggregator is not connected to a broker");
    await this.client.publishAsync(topic, payload, { qos: 1 });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.stopping = true;
    if (client) await client.endAsync();
  }
}
