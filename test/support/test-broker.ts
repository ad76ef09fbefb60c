import { embeddedBrokerAccess, type BrokerAccess } from "../../server/broker";
import { verifyBrokerCredential } from "../../server/broker/credentials";
import { startSwarmBroker, type SwarmBroker } from "../../server/broker/swarm-broker";
import type { Database } from "../../server/db/connect";
import type { Project } from "../../server/generated/prisma/client";
import { startDeploy } from "../../server/services/deploy/start-deploy";

/** The app's embedded broker on free loopback ports, checking logins against the test's database. */
export function startTestBroker(db: Database): Promise<SwarmBroker> {
  return startSwarmBroker({
    host: "127.0.0.1",
    port: 0,
    wsPort: 0,
    authenticate: (username, password) => verifyBrokerCredential(db.prisma, username, password),
  });
}

/** What the app's services get for the test broker, as `getBroker()` gives them the app's. */
export function testBrokerAccess(db: Database, broker: SwarmBroker): BrokerAccess {
  return embeddedBrokerAccess(db.prisma, broker, "127.0.0.1");
}

/** The local deploy target on the test broker, boards reaching it on loopback. */
export function deployLocally(db: Database, broker: SwarmBroker, project: Project) {
  const endpoint = { mqttHost: "127.0.0.1", mqttPort: broker.port, mqttWsUrl: "", serverUrl: "http://127.0.0.1" };
  return startDeploy(
    db.prisma,
    { sql: db.sql, broker: testBrokerAccess(db, broker), endpoint },
    { project, target: "local" },
  );
}
