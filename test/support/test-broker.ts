import { verifyBrokerCredential } from "../../server/broker/credentials";
import { startSwarmBroker, type SwarmBroker } from "../../server/broker/swarm-broker";
import type { Database } from "../../server/db/connect";

/** The app's embedded broker on free loopback ports, checking logins against the test's database. */
export function startTestBroker(db: Database): Promise<SwarmBroker> {
  return startSwarmBroker({
    host: "127.0.0.1",
    port: 0,
    wsPort: 0,
    authenticate: (username, password) => verifyBrokerCredential(db.prisma, username, password),
  });
}
