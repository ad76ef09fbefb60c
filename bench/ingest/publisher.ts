/**
 * One load generator, run as its own process (forked by run.ts) so its CPU time is not the aggregator's: an MQTT
 * gateway connection publishing QoS 1 telemetry on behalf of many node ids, keeping `window` messages in flight,
 * each stamped with its send time. Protocol over IPC: job in, `ready` once connected, `go` in, result out.
 */
import mqtt from "mqtt";
import { nodeTopic } from "../../contracts/topics";

export interface PublisherJob {
  url: string;
  username: string;
  password: string;
  swarmId: string;
  nodeIds: string[];
  window: number;
  durationMs: number;
}

export type PublisherReport = { ready: true } | { acked: number; cpuMs: number } | { error: string };

const report = (message: PublisherReport) => process.send?.(message);

function publish(client: mqtt.MqttClient, job: PublisherJob): void {
  const topics = job.nodeIds.map((id) => nodeTopic(job.swarmId, id, "telemetry"));
  const cpuAtStart = process.cpuUsage();
  const end = Date.now() + job.durationMs;
  let acked = 0;
  let inFlight = 0;
  let seq = 0;
  let done = false;
  const pump = () => {
    while (!done && inFlight < job.window && Date.now() < end) {
      const topic = topics[seq % topics.length] as string;
      const payload = `{"seq":${seq},"sent":${Date.now()},"temperature":${20 + (seq % 10)},"humidity":55}`;
      seq += 1;
      inFlight += 1;
      client.publish(topic, payload, { qos: 1 }, (error) => {
        inFlight -= 1;
        if (!error) acked += 1;
        pump();
      });
    }
    if (!done && Date.now() >= end && inFlight === 0) {
      done = true;
      const cpu = process.cpuUsage(cpuAtStart);
      client.end(false, () => {
        report({ acked, cpuMs: (cpu.user + cpu.system) / 1000 });
        process.disconnect?.();
      });
    }
  };
  pump();
  // The window may be full when time runs out; look again so the publisher always reports.
  const timer = setInterval(() => {
    pump();
    if (done) clearInterval(timer);
  }, 100);
}

process.once("message", (job: PublisherJob) => {
  const client = mqtt.connect(job.url, {
    username: job.username,
    password: job.password,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 0,
  });
  client.on("error", (error) => report({ error: error.message }));
  client.once("connect", () => {
    process.once("message", () => publish(client, job));
    report({ ready: true });
  });
});
