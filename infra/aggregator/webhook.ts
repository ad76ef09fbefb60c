/** POSTs one JSON body to a swarm's webhook; failures are logged (with the host only), never thrown. */
export async function postWebhook(url: string, body: unknown, log: (message: string) => void): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) log(`webhook ${new URL(url).host} answered ${response.status}`);
    return response.ok;
  } catch (error) {
    log(`webhook ${new URL(url).host} failed: ${(error as Error).message}`);
    return false;
  }
}
