import { SharedProject } from "./shared-project";

export const metadata = { title: "Shared project · Swarm Architect", referrer: "no-referrer" };

/** A project opened through its share link: read-only, with Fork. */
export default async function SharedProjectPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <SharedProject token={token} />;
}
