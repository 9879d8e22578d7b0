// Subscribes to a published subscription operation with the graphql-ws client, as a frontend does,
// and prints the first result it receives as one JSON line.
// Usage: COACHLOOP_TOKEN=<bearer token> node scripts/alert-feed.mjs ws://127.0.0.1:8000/graphql operations/manager-alert-feed.graphql
// Prints {"ready": true} once the connection is acknowledged, then {"next": <result>} or {"error": <errors>}.
import { readFile } from "node:fs/promises";
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const [url, operationFile] = process.argv.slice(2);
if (!url || !operationFile) {
  console.error("usage: node scripts/alert-feed.mjs <ws url> <operation file>");
  process.exit(2);
}
const query = await readFile(operationFile, "utf8");
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { token: process.env.COACHLOOP_TOKEN },
  lazy: false,
  retryAttempts: 0,
  on: { connected: () => process.stdout.write(JSON.stringify({ ready: true }) + "\n") },
});

const timeoutMs = Number(process.env.COACHLOOP_WAIT_MS ?? 20000);
const outcome = await new Promise((resolve) => {
  const timer = setTimeout(() => resolve({ timeout: true }), timeoutMs);
  client.subscribe(
    { query },
    {
      next: (result) => { clearTimeout(timer); resolve({ next: result }); },
      error: (error) => { clearTimeout(timer); resolve({ error: Array.isArray(error) ? error : String(error) }); },
      complete: () => { clearTimeout(timer); resolve({ complete: true }); },
    },
  );
});
process.stdout.write(JSON.stringify(outcome) + "\n");
await client.dispose();
process.exit(outcome.next ? 0 : 1);
