// A real browser on one origin queries the API on another: preflight and POST, through Chromium's own CORS.
// Usage: node scripts/browser-cors.mjs <page url> <graphql url> <bearer token>
// The page at <page url> is served by the caller (any HTML page of that origin). Prints one JSON object:
// {ok, status, body, error} of a fetch the page makes with `authorization` and `content-type: application/json`.
import { chromium } from "playwright-core";

const [pageUrl, graphqlUrl, token] = process.argv.slice(2);
if (!pageUrl || !graphqlUrl || !token) {
  console.error("usage: node scripts/browser-cors.mjs <page url> <graphql url> <bearer token>");
  process.exit(2);
}
const executablePath = process.env.COACHLOOP_TEST_CHROMIUM || "/usr/bin/chromium";

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  const page = await browser.newPage();
  await page.goto(pageUrl);
  const outcome = await page.evaluate(
    async ({ graphqlUrl, token }) => {
      try {
        const response = await fetch(graphqlUrl, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "accept-language": "en" },
          body: JSON.stringify({ query: "query Who { me { subject roles } }" }),
        });
        return { ok: response.ok, status: response.status, body: await response.json(), error: null };
      } catch (error) {
        return { ok: false, status: null, body: null, error: String(error) };
      }
    },
    { graphqlUrl, token },
  );
  process.stdout.write(JSON.stringify(outcome) + "\n");
} finally {
  await browser.close();
}
