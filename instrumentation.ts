/**
 * Runs once when the app server starts: opens the database (and with it the queue's upkeep timer) and
 * starts the swarm's MQTT broker, so boards and the simulator can connect before anyone opens a page.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("./server/db");
  const { getBroker } = await import("./server/broker");
  const { prisma } = await getDb();
  await getBroker(prisma).catch((error: unknown) => {
    // The app still serves design and build; simulation says the broker is down when started.
    console.error(`mqtt: ${(error as Error).message}`);
  });
}
