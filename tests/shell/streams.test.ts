/** Streams through the test client: what the server sends, and the development checks of their markup. */
import { describe, expect, it, vi } from "vitest";
import { defineView, html, live, type LiveStream } from "../../shell/index.js";
import { visit } from "../../shell/testing/index.js";

type Item = { id: number; text: string };
type A = { streams: { items: LiveStream<Item> } };
const items = [
  { id: 1, text: "one" },
  { id: 2, text: "two" },
];

function view(render: (a: A) => ReturnType<typeof html>) {
  return [live("/s", defineView<A>({ name: "StreamView", mount: (_p, _s, socket) => void socket.stream("items", items), render }))];
}

describe("stream markup checks (development and tests)", () => {
  it("accepts a stream inside a phx-update=stream element with an id, each item with its domId", async () => {
    const v = await visit(
      view((a) => html`<ul id="items" phx-update="stream">${a.streams.items.map((i, id) => html`<li id=${id}>${i.text}</li>`)}</ul>`),
      "/s",
    );
    expect(v.html()).toBe('<ul id="items" phx-update="stream"><li id="items-1">one</li><li id="items-2">two</li></ul>');
  });

  it("refuses a stream whose container has no id, or is not phx-update=stream", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const noId = view((a) => html`<ul phx-update="stream">${a.streams.items.map((i, id) => html`<li id=${id}>${i.text}</li>`)}</ul>`);
    await expect(visit(noId, "/s")).rejects.toThrow(
      'stream "items" must be rendered directly inside an element with phx-update="stream" and an id',
    );
    const plain = view((a) => html`<div id="x"><ul>${a.streams.items.map((i, id) => html`<li id=${id}>${i.text}</li>`)}</ul></div>`);
    await expect(visit(plain, "/s")).rejects.toThrow(/found <ul>/);
    vi.restoreAllMocks();
  });

  it("refuses items whose root element does not carry their domId", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const noItemId = view((a) => html`<ul id="items" phx-update="stream">${a.streams.items.map((i) => html`<li>${i.text}</li>`)}</ul>`);
    await expect(visit(noItemId, "/s")).rejects.toThrow(
      `stream "items": each item's root element must carry id=\${domId} ("items-1"); found <li>`,
    );
    vi.restoreAllMocks();
  });
});
