/**
 * Authorization on every event, over the real socket: bob forges events against alice's
 * private todo and her chat message; each is refused with an error reply and nothing
 * changes, and bob's view keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.js";
import { loadPage, ProtocolClient, refusal } from "../support/protocol.js";
import { httpLogIn } from "../support/login.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe("authorization on every event", () => {
  it("refuses forged todo and chat events against another user's data", async () => {
    const { accounts, todos, chat } = server.ctx;
    const alice = (await accounts.authenticate("alice@example.com", "lagoon-demo-password"))!;
    const secret = await todos.create(alice, { title: "alice's secret", private: true });
    const shared = await todos.create(alice, { title: "shared", private: false });
    const said = await chat.post(alice, "lobby", "alice said this");
    if (!secret.ok || !shared.ok || !said.ok) throw new Error("setup failed");

    const cookie = await httpLogIn(server.url, "bob@example.com");
    const page = await loadPage(server.url, "/todos", cookie);
    expect(page.html).not.toContain("alice's secret");
    const client = await ProtocolClient.connect(server.url, page);
    const { joinRef, topic, reply } = await client.join(server.url, page, "/todos");
    expect(reply[4].status).toBe("ok");
    // the cid of the one component bob's page has (the shared todo)
    const cid = Number(Object.keys(reply[4].response.rendered.c)[0]);
    const forge = async (event: string, value: Record<string, unknown>, target: number | null = cid) =>
      (await client.push(joinRef, topic, "event", { type: "click", event, value, ...(target === null ? {} : { cid: target }) }))[4];

    for (const [event, value] of [
      ["toggle", { id: String(secret.todo.id) }],
      ["delete", { id: String(secret.todo.id) }],
      ["save", { id: String(secret.todo.id), title: "owned" }],
    ] as const) {
      expect(refusal(await forge(event, value))).toEqual({ reason: "not_found", message: "todo not found" });
    }
    // events the view itself does not have, and a component id that does not exist
    expect(refusal(await forge("toggle", { id: String(secret.todo.id) }, null))?.reason).toBe("unknown_event");
    expect(refusal(await forge("toggle", { id: String(secret.todo.id) }, 9999))?.reason).toBe("unknown_component");
    expect(await todos.get(alice, secret.todo.id)).toMatchObject({ title: "alice's secret", done: false });

    // chat: only the author deletes
    const chatPage = await loadPage(server.url, "/chat/lobby", cookie);
    const chatJoin = await client.join(server.url, chatPage, "/chat/lobby");
    const denied = await client.push(chatJoin.joinRef, chatJoin.topic, "event", {
      type: "click",
      event: "delete",
      value: { id: String(said.message.id) },
    });
    expect(refusal(denied[4])).toEqual({ reason: "forbidden", message: "only the author can delete a message" });
    expect((await chat.recent("lobby")).map((m) => m.body)).toContain("alice said this");

    // bob's views still work
    expect((await forge("toggle", { id: String(shared.todo.id) })).status).toBe("ok");
    expect((await todos.get(alice, shared.todo.id))?.done).toBe(true);
    await client.close();
  });
});
