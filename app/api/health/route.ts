import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** Ready once the database is open and migrated: start scripts and load balancers wait on it. */
export async function GET() {
  try {
    const db = await getDb();
    await db.sql.query("SELECT 1");
    return Response.json({ ok: true, database: db.kind });
  } catch (error) {
    console.error("health:", error);
    return Response.json({ ok: false, error: "database unavailable; see the app's log" }, { status: 503 });
  }
}
