/**
 * One load generator, run in a worker thread: an MQTT gateway connection publishing QoS 1 telemetry on behalf of
 * many node ids, keeping `window` messages in flight, each stamped with its send time.
 */
import { parentPort, workerData } from "node:worker_threads";
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

const job = workerData as PublisherJob;
const client = mqtt.connect(job.url, {
  username: job.username,
  password: job.password,
  protocolVersion: 4,
  clean: true,
});
const topics = job.nodeIds.map((id) => nodeTopic(job.swarmId, id, "telemetry"));

client.once("connect", () => {
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
      client.end(false, () => parentPort?.postMessage({ acked }));
    }
  };
  pump();
  // The window may be full when time runs out; look again so the worker always reports.
  const timer = setInterval(() => {
    pump();
    if (done) clearInterval(timer);
  }, 100);
});
client.on("error", (error) => parentPort?.postMessage({ error: error.message }));
