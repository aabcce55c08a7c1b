/**
 * Diff sizes over the real socket: one click on the counter (one changed dynamic), and one
 * row renamed in a 10,000-row list, each beside the bytes of the re-rendered fragment (what
 * an htmx-style server sends back for the same change).
 */
import { result, startChild, type Result } from "./lib.js";
import { LiveClient } from "./live-client.js";
import { loadPage } from "../tests/support/protocol.js";

const ROWS = 10_000;
const bytes = (s: string) => Buffer.byteLength(s);

/** An element of a page's HTML, from its start tag (`open`) to the first end tag of its kind after it. */
function fragment(html: string, open: string, tag: string): string {
  const start = html.indexOf(open);
  const end = html.indexOf(`</${tag}>`, start);
  if (start < 0 || end < 0) throw new Error(`no ${open}...</${tag}> in the page`);
  return html.slice(start, end + tag.length + 3);
}

export async function diffSizes(): Promise<Result[]> {
  const app = await startChild("bench/servers/app.ts", { cpu: 0, compiled: true });
  const fixtures = await startChild("bench/servers/fixtures.ts", { cpu: 0 });
  try {
    const counterPage = await loadPage(app.url, "/counter");
    const counter = await LiveClient.join(app.url, counterPage, "/counter");
    const click = await counter.client.click("increment", { value: "" });
    const clickDiff = JSON.stringify(click.payload.response.diff);
    // the counter's section re-rendered with the new count
    const section = fragment(counterPage.html, '<section class="counter"', "section").replace("Count: 0", "Count: 1");
    counter.client.close();

    const rowsPage = await loadPage(fixtures.url, `/rows?n=${ROWS}`);
    const rows = await LiveClient.join(fixtures.url, rowsPage, `/rows?n=${ROWS}`);
    const name = "renamed row";
    const touch = await rows.client.click("touch", { id: "5000", name });
    const rowDiff = JSON.stringify(touch.payload.response.diff);
    const table = fragment(rowsPage.html, '<table id="rows"', "table").replace(">item 5000<", `>${name}<`);
    rows.client.close();

    const changed = bytes(name);
    return [
      result("one changed dynamic: diff payload", bytes(clickDiff), "B", bytes(section), "< 40 B", bytes(clickDiff) < 40),
      result("one changed dynamic: whole reply frame", bytes(click.text), "B", 98, "< LiveViewJS 0.8.1's 98 B", bytes(click.text) < 98),
      result(
        `one row of ${ROWS.toLocaleString("en")} changed: diff payload`,
        bytes(rowDiff),
        "B",
        bytes(table),
        `< changed (${changed} B) + 100 B`,
        bytes(rowDiff) < changed + 100,
      ),
      result(`${ROWS.toLocaleString("en")}-row list: first render over the socket`, bytes(rows.reply.text), "B", bytes(table), "-", null),
    ];
  } finally {
    await Promise.all([app.stop(), fixtures.stop()]);
  }
}
