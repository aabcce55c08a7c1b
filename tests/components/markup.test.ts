/** The kit's markup: what each component renders for the client and for assistive technology. */
import { describe, expect, it } from "vitest";
import { parse } from "node-html-parser";
import { z } from "zod";
import { button, flashGroup, header, icon, input, link, list, modal, showModal, simpleForm, table } from "../../components/index.js";
import { defineForm, html, JS, TemplateError, type Template } from "../../shell/index.js";
import { renderHtml } from "../../shell/diff.js";

const toHtml = (t: Template) => renderHtml(t, { componentHtml: () => "" });
const dom = (t: Template) => parse(toHtml(t));

describe("link and button", () => {
  it("mark live links for the client's link handler", () => {
    expect(toHtml(link({ navigate: "/posts" }, "Posts"))).toBe(
      '<a href="/posts" data-phx-link="redirect" data-phx-link-state="push">Posts</a>',
    );
    expect(toHtml(link({ patch: "/posts?sort=old", replace: true, current: true }, "Old"))).toBe(
      '<a href="/posts?sort=old" data-phx-link="patch" data-phx-link-state="replace" aria-current="page">Old</a>',
    );
    expect(toHtml(link({ href: "javascript:alert(1)", class: "x" }, "x"))).toBe('<a href="about:blank#blocked" class="x">x</a>');
    expect(() => link({ navigate: "https://evil.example" }, "x")).toThrow(/path of this site/);
    expect(() => link({ patch: "//evil.example" }, "x")).toThrow(/path of this site/);
    expect(() => link({}, "x")).toThrow(/navigate, patch or href/);
  });

  it("render the same link the same each time, its target and state alone deciding", () => {
    const nav = (current: boolean) => toHtml(link({ navigate: "/posts", current }, "Posts"));
    const plain = '<a href="/posts" data-phx-link="redirect" data-phx-link-state="push">Posts</a>';
    const current = '<a href="/posts" data-phx-link="redirect" data-phx-link-state="push" aria-current="page">Posts</a>';
    expect([nav(false), nav(true), nav(false), nav(true)]).toEqual([plain, current, plain, current]);
    // the first target given decides, as it always did; replace only changes the state
    expect(toHtml(link({ navigate: "/a", patch: "/b" }, "x"))).toContain('href="/a" data-phx-link="redirect"');
    expect(toHtml(link({ patch: "/a", replace: true }, "x"))).toContain('href="/a" data-phx-link="patch" data-phx-link-state="replace"');
    expect(toHtml(link({ patch: "/a" }, "x"))).toContain('href="/a" data-phx-link="patch" data-phx-link-state="push"');
    expect(toHtml(link({ href: "/a" }, "x"))).toBe('<a href="/a">x</a>');
    // a bad target is refused every time, never taken for one rendered before
    expect(toHtml(link({ navigate: "/x", href: "\u0000" }, "x"))).toContain('href="/x"');
    for (let i = 0; i < 2; i++) expect(() => link({ navigate: "/x\u0000" }, "x")).toThrow(/path of this site/);
    // pass-through props still pass through
    expect(toHtml(link({ navigate: "/posts", id: "p" }, "Posts"))).toContain(' id="p"');
  });

  it("renders a button, or a link when it goes somewhere, with the caller's class after its own", () => {
    expect(toHtml(button({ type: "button", class: "wide", "phx-click": JS.push("go"), disabled: true }, "Go"))).toBe(
      '<button type="button" phx-click="[[&quot;push&quot;,{&quot;event&quot;:&quot;go&quot;}]]" disabled class="lagoon-button lagoon-button-primary wide">Go</button>',
    );
    expect(toHtml(button({ navigate: "/todos", variant: "secondary" }, "Todos"))).toBe(
      '<a href="/todos" data-phx-link="redirect" data-phx-link-state="push" class="lagoon-button lagoon-button-secondary">Todos</a>',
    );
  });
});

describe("input", () => {
  const Form = defineForm(z.object({ email: z.email("must be an email"), bio: z.string(), tags: z.array(z.string()).optional() }), {
    name: "user",
  });

  it("takes name, id, value and errors from the form, errors only for used fields", () => {
    const fresh = dom(input({ form: Form.empty({ email: "a@" }), field: "email", type: "email", label: "Email" }));
    expect(fresh.querySelector("input")?.attributes).toEqual({ id: "user_email", name: "user[email]", type: "email", value: "a@" });
    const used = dom(input({ form: Form.change({ user: { email: "a@" } }), field: "email", type: "email", label: "Email" }));
    const el = used.querySelector("input")!;
    expect(el.getAttribute("aria-invalid")).toBe("true");
    expect(used.querySelector(`#${el.getAttribute("aria-describedby")}`)?.textContent).toBe("must be an email");
    expect(used.querySelector("label")?.getAttribute("for")).toBe("user_email");
    const untouched = dom(input({ form: Form.change({ user: { email: "a@", _unused_email: "" } }), field: "email", label: "Email" }));
    expect(untouched.querySelector(".lagoon-error")).toBeNull();
  });

  it("takes a nested field's value and errors by path", () => {
    const Nested = defineForm(z.object({ author: z.object({ name: z.string().min(2, "too short") }) }), { name: "post" });
    const used = dom(input({ form: Nested.change({ post: { author: { name: "A" } } }), field: "author.name", label: "Author" }));
    expect(used.querySelector("input")?.attributes).toMatchObject({ id: "post_author_name", name: "post[author][name]", value: "A" });
    expect(used.querySelector(".lagoon-error")?.textContent).toContain("too short");
  });

  it("renders checkboxes with a hidden false, selects, textareas, and never a password back", () => {
    const box = dom(input({ name: "agree", type: "checkbox", label: "I agree", value: "true" }));
    expect(box.querySelectorAll("input").map((i) => i.attributes)).toEqual([
      { type: "hidden", name: "agree", value: "false" },
      { id: "agree", name: "agree", type: "checkbox", value: "true", checked: "" },
    ]);
    expect(box.querySelector("label")?.textContent.trim()).toBe("I agree");

    const select = dom(
      input({ name: "tags", type: "select", label: "Tags", multiple: true, prompt: "Pick", options: ["a", ["B", "b"]], value: ["b"] }),
    );
    expect(select.querySelector("select")?.attributes).toEqual({ id: "tags", name: "tags[]", multiple: "" });
    expect(select.querySelectorAll("option").map((o) => [o.textContent, o.getAttribute("value"), o.hasAttribute("selected")])).toEqual([
      ["Pick", "", false],
      ["a", "a", false],
      ["B", "b", true],
    ]);

    expect(toHtml(input({ name: "bio", type: "textarea", label: "Bio", value: "\n<hi>" }))).toContain(
      '<textarea id="bio" name="bio">\n\n&lt;hi&gt;</textarea>',
    );
    expect(
      dom(input({ name: "pw", type: "password", label: "Password", value: "secret" }))
        .querySelector("input")
        ?.hasAttribute("value"),
    ).toBe(false);
    expect(toHtml(input({ name: "token", type: "hidden", value: "t" }))).toBe('<input type="hidden" id="token" name="token" value="t">');
  });

  it("refuses a control without an accessible name", () => {
    expect(() => input({ name: "q" })).toThrow(TemplateError);
    expect(toHtml(input({ name: "q", type: "search", "aria-label": "Search" }))).toContain('aria-label="Search"');
  });
});

describe("modal", () => {
  it("starts hidden and carries its commands: open on mount with show, close on removal", () => {
    const m = dom(modal({ id: "m", title: "T", show: true }, "body"));
    const root = m.querySelector("#m")!;
    expect(root.getAttribute("style")).toBe("display: none");
    expect(JSON.parse(root.getAttribute("phx-mounted")!)).toEqual(JSON.parse(String(showModal("m"))));
    expect(JSON.parse(root.getAttribute("phx-remove")!).map((op: [string]) => op[0])).toEqual([
      "remove_attr",
      "hide",
      "hide",
      "hide",
      "remove_class",
    ]);
    const panel = m.querySelector('[role="dialog"]')!;
    // FocusWrap's sentinels are the panel's first and last children
    expect(panel.childNodes.filter((n) => n.nodeType === 1).map((n) => (n as typeof panel).getAttribute("tabindex") ?? null)).toEqual([
      "0",
      null,
      null,
      "0",
    ]);
    expect(() => modal({ id: "1 bad", title: "x" }, "")).toThrow(/id/);
  });
});

describe("flashGroup", () => {
  it("renders nothing but the live region without messages, and escapes them", () => {
    expect(toHtml(flashGroup({}))).toBe('<div id="flash-group" class="lagoon-flash-group" aria-live="polite"></div>');
    const f = dom(flashGroup({ info: "<b>hi</b>" }));
    expect(f.querySelector("#flash-group-info p")?.innerHTML).toBe("&lt;b&gt;hi&lt;/b&gt;");
    const close = JSON.parse(f.querySelector("#flash-group-info button")!.getAttribute("phx-click")!);
    expect(close[0]).toEqual(["push", { event: "lv:clear-flash", value: { key: "info" } }]);
    expect(close[1][0]).toBe("hide");
  });

  it("auto-dismisses with a non-blocking hide, a new element per message", () => {
    const a = dom(flashGroup({ info: "one" }, { autoDismiss: 4000 })).querySelector(".lagoon-flash")!;
    const b = dom(flashGroup({ info: "two" }, { autoDismiss: 4000 })).querySelector(".lagoon-flash")!;
    expect(a.id).not.toBe(b.id);
    expect(JSON.parse(a.getAttribute("phx-mounted")!)).toEqual([
      ["hide", { transition: [["lagoon-t-expire"], [], []], time: 4000, blocking: false }],
    ]);
    const c = dom(flashGroup({}, { connection: true })).querySelector("#flash-group-connection")!;
    expect(c.hasAttribute("hidden")).toBe(true);
    expect(JSON.parse(c.getAttribute("phx-disconnected")!)).toEqual([["remove_attr", { attr: "hidden" }]]);
  });
});

describe("table, header, list, icon, simpleForm", () => {
  it("renders an array table with row ids, row clicks and an actions column", () => {
    const t = dom(
      table({
        id: "t",
        rows: [{ id: 7, n: "x" }],
        rowId: (r) => `row-${r.id}`,
        rowClick: (r) => JS.navigate(`/rows/${r.id}`),
        columns: [{ label: "N", render: (r) => r.n }],
        actions: () => html`<a href="/e">Edit</a>`,
      }),
    );
    expect(t.querySelector("tbody")?.attributes).toEqual({ id: "t" });
    expect(t.querySelector("tr#row-7 td")?.getAttribute("phx-click")).toBe('[["navigate",{"href":"/rows/7","replace":false}]]');
    expect(t.querySelectorAll("th").map((th) => th.textContent)).toEqual(["N", "Actions"]);
  });

  it("renders headers at their level, lists, icons and forms", () => {
    expect(dom(header({ title: "Posts", level: 2, subtitle: "all" })).querySelector("h2")?.textContent).toBe("Posts");
    expect(toHtml(list([{ title: "A", content: "b" }]))).toBe(
      '<dl class="lagoon-list"><div class="lagoon-list-item"><dt>A</dt><dd>b</dd></div></dl>',
    );
    expect(dom(icon("check")).querySelector("svg")?.getAttribute("aria-hidden")).toBe("true");
    const labelled = dom(icon("check", { label: "Done" })).querySelector("svg")!;
    expect([labelled.getAttribute("role"), labelled.getAttribute("aria-label"), labelled.hasAttribute("aria-hidden")]).toEqual([
      "img",
      "Done",
      false,
    ]);
    const f = dom(simpleForm({ id: "f", submit: JS.push("save"), target: 3, "phx-trigger-action": false }, "fields")).querySelector(
      "form",
    )!;
    expect(f.attributes).toEqual({ id: "f", "phx-submit": '[["push",{"event":"save"}]]', "phx-target": "3", class: "lagoon-form" });
  });
});
