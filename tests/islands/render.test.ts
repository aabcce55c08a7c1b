/** Islands on the server, through the test client: what goes over the wire, events, commands. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {} from "../../shell/index.js";
import { Router } from "../../shell/router.js";
import { visit, ReplyError } from "../../shell/testing/index.js";
import { renderHtml } from "../../shell/diff.js";
import { defineIsland, island } from "../../islands/index.js";
import { Echo } from "../support/app/islands/echo.contract.js";
import { renders } from "../support/app/islands/echo.js";
import { islandRoutes } from "../support/views/islands.js";

const router = new Router(islandRoutes());

describe("island()", () => {
  it("renders the hook container with React's HTML inside a root the client leaves alone", async () => {
    const view = await visit(router, "/echo?text=hi");
    const el = view.find("#echo")!;
    expect(el.getAttribute("phx-hook")).toBe("Island");
    expect(view.find("#echo > [data-island-frame]")!.getAttribute("phx-update")).toBe("ignore");
    expect(view.find("#echo > [data-island-frame] > [data-island-root]")).not.toBeNull();
    expect(el.getAttribute("data-island")).toBe("Echo");
    expect(el.getAttribute("data-load")).toBe("eager");
    expect(view.find("#echo [data-island-root] .echo-text")?.text).toBe("hi");
    view.close();
  });

  it("sends only what changed in the props, as JSON in the frame: no server render, no HTML", async () => {
    const view = await visit(router, "/echo?text=one");
    const before = renders.count;
    await view.push({ type: "click", event: "set", value: { text: "two" } });
    // the diff is one event: the changed path and its value
    expect(view.lastDiff).toEqual({ e: [["island:echo", { p: [[0, ["text"], "two"]] }]] });
    expect(renders.count).toBe(before);
    // the kept children still show what they were rendered with: React in the browser owns them
    expect(view.find("#echo .echo-text")!.text).toBe("one");

    // a change elsewhere in the view sends nothing of the island
    await view.push({ type: "click", event: "other", value: {} });
    expect(JSON.stringify(view.lastDiff)).not.toContain("island");
    view.close();
  });

  it("renders the HTML again for a new container (island removed, then back)", async () => {
    const view = await visit(router, "/echo?text=one");
    await view.push({ type: "click", event: "toggle", value: {} });
    expect(view.has("#echo")).toBe(false);
    await view.push({ type: "click", event: "set", value: { text: "three" } });
    const before = renders.count;
    await view.push({ type: "click", event: "toggle", value: {} });
    expect(renders.count).toBe(before + 1);
    expect(view.find("#echo .echo-text")!.text).toBe("three");
    view.close();
  });

  it("refuses bad ids, props that break the contract, and islands the app's islands folder lacks", () => {
    expect(() => island(Echo, { id: "1st", props: { text: "", items: [] } })).toThrow(/id must start with a letter/);
    expect(() => island(Echo, { id: 'x" onclick="', props: { text: "", items: [] } })).toThrow(/id/);
    // props are checked when the island renders
    expect(() => renderHtml(island(Echo, { id: "e", props: { text: 1, items: [] } as never }), { componentHtml: () => "" })).toThrow(
      /Echo#e: props do not match the contract: text:/,
    );
    const Stray = defineIsland("Stray", { props: z.object({}) });
    expect(() => island(Stray, { id: "s", props: {} })).toThrow(
      "island Stray#s: no module for Stray; put it in the app's islands folder (Stray.tsx)",
    );
  });
});

describe("island events", () => {
  it("reach the handler with the validated payload and the island's id", async () => {
    const view = await visit(router, "/echo");
    await view.hook("Echo:say", { id: "echo", payload: { text: "hello" } });
    expect(view.find("#said li")?.text).toBe("echo: hello");
    expect(await view.hook("Echo:measure", { id: "echo", payload: { text: "four" } })).toEqual({ length: 4 });
    view.close();
  });

  it("with an invalid payload get an error reply naming the field; the handler does not run", async () => {
    const view = await visit(router, "/echo");
    const forged = [
      { id: "echo", payload: { text: 42 } },
      { id: "echo", payload: { text: "x".repeat(101) } },
      { id: "echo", payload: {} },
      { id: "echo" },
      { payload: { text: "no id" } },
      { id: ["echo"], payload: { text: "array id" } },
      "just a string",
    ];
    for (const value of forged) {
      const error = await view.hook("Echo:say", value).catch((e: unknown) => e);
      expect(error, JSON.stringify(value)).toBeInstanceOf(ReplyError);
      const response = (error as ReplyError).response;
      expect(response.reason).toBe("invalid_params");
      expect(String(response.message)).toMatch(/EchoLive event "Echo:say"/);
    }
    const error = (await view.hook("Echo:say", { id: "echo", payload: { text: 42 } }).catch((e: unknown) => e)) as ReplyError;
    expect(error.response.issues).toEqual([{ path: ["payload", "text"], message: expect.any(String) }]);
    expect(view.find("#said")!.childNodes.length).toBe(0);
    // nothing was rendered for the refused events
    expect(view.messages.filter((m) => m.kind === "push")).toEqual([]);
    view.close();
  });
});

describe("socket.pushCommand", () => {
  it("sends the command to the island as a push event named after its id", async () => {
    const view = await visit(router, "/echo");
    await view.push({ type: "click", event: "ping", value: { n: 3 } });
    expect(view.events.filter(([, v]) => "command" in (v as object))).toEqual([
      ["island:echo", { island: "Echo", command: "ping", payload: { n: 3 } }],
    ]);
    view.close();
  });
});
