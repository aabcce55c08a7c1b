import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineView, html, JS, live, liveSession } from "../../shell/index.js";
import { loadPage, ProtocolClient } from "../support/protocol.js";
import { startFixtureServer } from "../support/fixture-server.js";

const Page = defineView({ render: () => html`<p>page</p>` });
const REMOVE = JSON.stringify([["transition", { time: 100, transition: [["view-removing"], [], []] }]]);

describe("a live route's container attributes", () => {
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  beforeAll(async () => {
    server = await startFixtureServer(
      [liveSession({ name: "s" }, [live("/with", Page, { container: { "phx-remove": REMOVE } }), live("/without", Page)])],
      { assets: { head: () => "" } },
    );
  });
  afterAll(() => server.close());

  it("are rendered on the container, escaped", async () => {
    const page = await loadPage(server.url, "/with");
    expect(page.html).toContain(`data-phx-static="" phx-remove="[[&quot;transition&quot;`);
  });

  it("come with a navigate join's reply, so the client resets the container it reuses", async () => {
    const page = await loadPage(server.url, "/without");
    const client = await ProtocolClient.connect(server.url, page);
    const plain = await client.join(server.url, page, "/without");
    expect(plain.reply[4].response.container).toBeUndefined();
    // live navigation: the client joins the same topic again with `redirect`
    const navigated = await client.join(server.url, page, "/without", { redirect: `${server.url}/with` });
    expect(navigated.reply[4].response.container).toEqual(["div", { "phx-remove": REMOVE }]);
    const back = await client.join(server.url, page, "/without", { redirect: `${server.url}/without` });
    expect(back.reply[4].response.container).toEqual(["div", {}]);
    await client.close();
  });

  it("take JS commands as the JSON the client reads", async () => {
    const route = live("/js", Page, { container: { "phx-remove": JS.transition("view-removing", { time: 100 }) } });
    expect(Object.keys(route.container ?? {})).toEqual(["phx-remove"]);
    expect(JSON.parse(route.container!["phx-remove"]!)).toEqual(JSON.parse(REMOVE));
    expect(() => live("/x", Page, { container: { "phx-remove": 1 as never } })).toThrow(/string or JS commands/);
  });

  it("cannot replace Lagoon's own attributes", () => {
    expect(() => live("/x", Page, { container: { id: "other" } })).toThrow(/container attribute/);
    expect(() => live("/x", Page, { container: { "data-phx-session": "forged" } })).toThrow(/container attribute/);
    expect(() => live("/x", Page, { container: { 'a" onload="x': "1" } })).toThrow(/container attribute/);
  });
});
