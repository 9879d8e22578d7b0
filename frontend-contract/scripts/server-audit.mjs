// The graphql-http server audits (GraphQL over HTTP conformance) against a running coachloop API.
// Usage: COACHLOOP_AUDIT_TOKEN=<bearer token> node scripts/server-audit.mjs http://127.0.0.1:8000/graphql
// Prints one JSON array: {id, name, status ("ok" | "notice" | "warn" | "error"), reason} per audit.
import { serverAudits } from "graphql-http";

const [url] = process.argv.slice(2);
if (!url) {
  console.error("usage: node scripts/server-audit.mjs <graphql url>");
  process.exit(2);
}
const token = process.env.COACHLOOP_AUDIT_TOKEN;

/** fetch with the bearer token added, as every frontend request carries one. */
function authorisedFetch(input, init = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

const results = [];
for (const audit of serverAudits({ url, fetchFn: authorisedFetch })) {
  const result = await audit.fn();
  results.push({ id: result.id, name: result.name, status: result.status, reason: result.reason ?? null });
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
