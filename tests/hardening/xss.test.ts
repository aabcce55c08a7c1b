/**
 * The XSS corpus (tests/support/xss-corpus.ts) in every HTML context a template offers:
 * through the template layer (HTML render, full and change diffs as the client rebuilds
 * them) and through a fixture view over a real server (first HTML, title, event and form
 * diffs). Each payload keeps the element skeleton of harmless text, adds nothing that could
 * run, and comes back as the same text.
 */
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffTemplate, renderHtml } from "../../shell/diff.js";
import { html } from "../../shell/index.js";
import { extract, RenderedTree } from "../../shell/testing/index.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { hardeningRoutes } from "../support/views/hardening.js";
import { skeleton, unsafeMarkup, XSS_PAYLOADS } from "../support/xss-corpus.js";
import { rendering } from "./helpers.js";
import { joinView } from "../support/protocol.js";

const BLOCKED_URL = "about:blank#blocked";
const HARMLESS = "harmless text";

// the ids EchoLive (tests/support/views/hardening.ts) uses, plus more contexts it lacks
const contexts = (v: string) => html`<div id="root"><p id="text">${v}</p><p id="attr" title="${v}">x</p><p id="sq" title='${v}'>x</p>
<p id="whole" data-echo=${v}>x</p><a id="link" href="${v}">x</a><a id="link-whole" href=${v}>x</a><img id="src" src=${v}>
<form id="action" action="${v}"></form><button id="value" phx-click="go" phx-value-v="${v}">x</button>
<textarea id="area">${v}</textarea><!-- ${v} --><script type="application/json" id="json">${v}</script></div>`;

const noComponents = { component: () => 0, componentHtml: () => "" };

/** Everything a payload must satisfy in the HTML of `contexts` or of EchoLive. */
function expectInert(rendered: string, baseline: string, text: string, name: string): void {
  expect(unsafeMarkup(rendered), name).toEqual([]);
  expect(skeleton(rendered), name).toEqual(skeleton(baseline));
  const root = parse(rendered);
  const el = (id: string) => root.querySelector(`#${id}`);
  expect(el("text")!.text, name).toBe(text);
  expect(el("attr")!.getAttribute("title"), name).toBe(text);
  if (el("sq")) expect(el("sq")!.getAttribute("title"), name).toBe(text);
  expect(el("whole")!.getAttribute("data-echo"), name).toBe(text);
  expect(el("area")!.text, name).toBe(text);
  expect(JSON.parse(el("json")!.text), name).toBe(text);
  const scriptUrl = /^(javascript|vbscript|data):/i.test(text.replace(/[\u0000-\u0020\u007f]/g, ""));
  for (const id of ["link", "link-whole"]) expect(el(id)!.getAttribute("href"), name).toBe(scriptUrl ? BLOCKED_URL : text);
}

describe("XSS corpus through the template layer", () => {
  const baseline = renderHtml(contexts(HARMLESS), noComponents);

  it(`renders ${XSS_PAYLOADS.length} payloads inert in every context of the HTML render`, () => {
    for (const { name, text } of XSS_PAYLOADS) expectInert(renderHtml(contexts(text), noComponents), baseline, text, name);
  });

  it("renders them inert in full diffs and in change diffs, as the client rebuilds them", () => {
    for (const { name, text } of XSS_PAYLOADS) {
      const full = new RenderedTree("full");
      full.merge(extract(diffTemplate(contexts(text), undefined, noComponents).diff!).diff);
      expectInert(full.toHtml().html, baseline, text, `${name} (full)`);

      const changed = new RenderedTree("changed");
      const first = diffTemplate(contexts(HARMLESS), undefined, noComponents);
      changed.merge(extract(first.diff!).diff);
      const next = diffTemplate(contexts(text), first.state, noComponents);
      expect(next.diff?.s, name).toBeUndefined(); // a change diff: dynamics only
      changed.merge(extract(next.diff!).diff);
      expectInert(changed.toHtml().html, baseline, text, `${name} (change)`);
    }
  });
});

describe("XSS corpus through a fixture view on a real server", () => {
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  beforeAll(async () => {
    server = await startFixtureServer(hardeningRoutes());
  });
  afterAll(async () => {
    await server?.close();
  });

  const container = (doc: string) => parse(doc).querySelector("[data-phx-main]")!.innerHTML;
  const firstHtml = async (text: string) => (await fetch(`${server.url}/echo?text=${encodeURIComponent(text)}`)).text();

  it("renders each payload inert in the first HTML, including the page title", async () => {
    const baseline = container(await firstHtml(HARMLESS));
    for (const { name, text } of XSS_PAYLOADS) {
      const doc = await firstHtml(text);
      expectInert(container(doc), baseline, text, name);
      const head = parse(doc).querySelector("head")!;
      expect(head.querySelector("title")!.text, name).toBe(`${text} · Lagoon`);
      expect(head.querySelectorAll("*").length, name).toBe(
        parse(await firstHtml(HARMLESS))
          .querySelector("head")!
          .querySelectorAll("*").length,
      );
    }
  });

  it("renders each payload inert in the diffs of an event and of a form change", async () => {
    const j = await joinView(server.url, "/echo");
    const view = rendering(j);
    view.apply((await j.client.push(j.joinRef, j.topic, "event", { type: "click", event: "say", value: { text: HARMLESS } }))[4]);
    const baseline = view.html();
    for (const { name, text } of XSS_PAYLOADS) {
      const said = (await j.client.push(j.joinRef, j.topic, "event", { type: "click", event: "say", value: { text } }))[4];
      expect(said.status, name).toBe("ok");
      expect(said.response.diff.t, name).toBe(text); // the title travels as text; the client sets document.title
      view.apply(said);
      expectInert(view.html(), baseline, text, `${name} (event)`);

      view.apply((await j.client.push(j.joinRef, j.topic, "event", { type: "click", event: "say", value: { text: HARMLESS } }))[4]);
      const form = new URLSearchParams({ "msg[text]": text }).toString();
      const typed = (await j.client.push(j.joinRef, j.topic, "event", { type: "form", event: "typed", value: form }))[4];
      expect(typed.status, name).toBe("ok");
      view.apply(typed);
      expectInert(view.html(), baseline, text, `${name} (form)`);
    }
    await j.client.close();
  });
});
