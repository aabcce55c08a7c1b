/** JS commands: the JSON each builder method sends (as the pinned client's js.js reads it), its checks, and how templates place it. */
import { describe, expect, it } from "vitest";
import { html, JS, JSCommandError, type JSCommands } from "../../shell/index.js";
import { diffTemplate, renderHtml } from "../../shell/diff.js";

const wire = (js: JSCommands) => JSON.parse(String(js));
const toHtml = (t: ReturnType<typeof html>) => renderHtml(t, { componentHtml: () => "" });

describe("JS commands on the wire", () => {
  it("encodes push with its options under the client's names", () => {
    expect(wire(JS.push("inc"))).toEqual([["push", { event: "inc" }]]);
    expect(wire(JS.push("save", { value: { id: 1 }, target: 3, loading: "#form", pageLoading: true }))).toEqual([
      ["push", { event: "save", target: 3, loading: "#form", page_loading: true, value: { id: 1 } }],
    ]);
    expect(wire(JS.push("x", { target: "#other" }))).toEqual([["push", { event: "x", target: "#other" }]]);
  });

  it("encodes show, hide and toggle: targets, transitions as three class lists, ins and outs", () => {
    expect(wire(JS.show())).toEqual([["show", {}]]);
    expect(wire(JS.show({ to: "#m", transition: "fade in", time: 300, display: "flex", blocking: false }))).toEqual([
      ["show", { to: "#m", transition: [["fade", "in"], [], []], time: 300, display: "flex", blocking: false }],
    ]);
    expect(wire(JS.hide({ to: { closest: ".card" }, transition: ["ease-in duration-200", "opacity-100", "opacity-0"] }))).toEqual([
      ["hide", { to: { closest: ".card" }, transition: [["ease-in", "duration-200"], ["opacity-100"], ["opacity-0"]] }],
    ]);
    expect(wire(JS.toggle({ to: { inner: "li" }, in: "a", out: ["b", "", "c"], display: "inline-block" }))).toEqual([
      ["toggle", { to: { inner: "li" }, display: "inline-block", ins: [["a"], [], []], outs: [["b"], [], ["c"]] }],
    ]);
  });

  it("encodes classes, attributes, focus, navigation and exec", () => {
    expect(wire(JS.addClass("a  b", { to: "body" }))).toEqual([["add_class", { names: ["a", "b"], to: "body" }]]);
    expect(wire(JS.removeClass(["a", "b c"]))).toEqual([["remove_class", { names: ["a", "b", "c"] }]]);
    expect(wire(JS.toggleClass("open", { time: 100 }))).toEqual([["toggle_class", { names: ["open"], time: 100 }]]);
    expect(wire(JS.transition("shake", { to: "#x", time: 50 }))).toEqual([
      ["transition", { transition: [["shake"], [], []], to: "#x", time: 50 }],
    ]);
    expect(wire(JS.setAttribute("aria-expanded", "true", { to: "#menu" }))).toEqual([
      ["set_attr", { attr: ["aria-expanded", "true"], to: "#menu" }],
    ]);
    expect(wire(JS.removeAttribute("hidden"))).toEqual([["remove_attr", { attr: "hidden" }]]);
    expect(wire(JS.toggleAttribute("open", "true"))).toEqual([["toggle_attr", { attr: ["open", "true"] }]]);
    expect(wire(JS.toggleAttribute("aria-expanded", ["true", "false"]))).toEqual([
      ["toggle_attr", { attr: ["aria-expanded", "true", "false"] }],
    ]);
    expect(wire(JS.ignoreAttributes(["open", "data-*"]))).toEqual([["ignore_attrs", { attrs: ["open", "data-*"] }]]);
    expect(wire(JS.dispatch("app:copy", { to: "#code", detail: { n: 1 }, bubbles: false, blocking: true }))).toEqual([
      ["dispatch", { event: "app:copy", to: "#code", detail: { n: 1 }, bubbles: false, blocking: true }],
    ]);
    expect(wire(JS.dispatch("app:x", { blocking: false }))).toEqual([["dispatch", { event: "app:x" }]]);
    expect(wire(JS.focus({ to: "#a" }).focusFirst({ to: "#b" }).pushFocus().popFocus())).toEqual([
      ["focus", { to: "#a" }],
      ["focus_first", { to: "#b" }],
      ["push_focus", {}],
      ["pop_focus", {}],
    ]);
    expect(wire(JS.navigate("/posts"))).toEqual([["navigate", { href: "/posts", replace: false }]]);
    expect(wire(JS.patch("/posts?sort=old", { replace: true }))).toEqual([["patch", { href: "/posts?sort=old", replace: true }]]);
    expect(wire(JS.exec("data-cancel", { to: "#modal" }))).toEqual([["exec", { attr: "data-cancel", to: "#modal" }]]);
  });

  it("chains in order without changing the list it started from", () => {
    const base = JS.push("a");
    const longer = base.hide({ to: "#x" });
    expect(wire(base)).toEqual([["push", { event: "a" }]]);
    expect(wire(longer)).toEqual([
      ["push", { event: "a" }],
      ["hide", { to: "#x" }],
    ]);
    expect(wire(JS.show({ to: "#a" }).concat(longer, JS.popFocus()))).toEqual([
      ["show", { to: "#a" }],
      ["push", { event: "a" }],
      ["hide", { to: "#x" }],
      ["pop_focus", {}],
    ]);
    expect(wire(JS)).toEqual([]);
    expect(JSON.stringify({ js: longer })).toBe('{"js":[["push",{"event":"a"}],["hide",{"to":"#x"}]]}');
  });
});

describe("JS command checks", () => {
  const throwsJS = (fn: () => unknown, message: RegExp) => {
    expect(fn).toThrow(JSCommandError);
    expect(fn).toThrow(message);
  };

  it("refuses bad selectors, names, options and values where they are written", () => {
    throwsJS(() => JS.show({ to: "" }), /JS\.show: the selector must be a non-empty string/);
    throwsJS(() => JS.hide({ to: { parent: "x" } as never }), /"to" must be/);
    throwsJS(() => JS.show({ to: "#a\u0000" }), /invalid selector/);
    throwsJS(() => JS.show({ speed: 3 } as never), /unknown option "speed"/);
    throwsJS(() => JS.hide({ display: "flex" } as never), /unknown option "display"/);
    throwsJS(() => JS.show({ time: -1 }), /time must be/);
    throwsJS(() => JS.show({ display: "flex; color: red" }), /display/);
    throwsJS(() => JS.addClass("  "), /at least one class/);
    throwsJS(() => JS.push(""), /event name/);
    throwsJS(() => JS.push("x", { value: [1] as never }), /value must be a plain object/);
    throwsJS(() => JS.push("x", { target: 1.5 }), /target/);
    throwsJS(() => JS.dispatch("click", { detail: { a: 1 } }), /click events cannot carry a detail/);
    throwsJS(() => JS.transition(["a", "b"] as never), /\[run, start, end\]/);
  });

  it("keeps script out: on* attributes refused, URL attributes sanitized, navigation only to this site's paths", () => {
    throwsJS(() => JS.setAttribute("onclick", "alert(1)"), /would run script/);
    throwsJS(() => JS.setAttribute("srcdoc", "<script>"), /would run script/);
    throwsJS(() => JS.setAttribute("a b", "x"), /invalid attribute name/);
    expect(wire(JS.setAttribute("href", "javascript:alert(1)"))).toEqual([["set_attr", { attr: ["href", "about:blank#blocked"] }]]);
    throwsJS(() => JS.navigate("javascript:alert(1)"), /JS\.navigate:.*path of this site/);
    throwsJS(() => JS.patch("https://evil.example/"), /path of this site/);
    throwsJS(() => JS.navigate("//evil.example"), /protocol-relative/);
    throwsJS(() => JS.exec("on-x y"), /invalid attribute name/);
  });
});

describe("JS commands in templates", () => {
  const js = JS.push("delete", { value: { id: "1", note: `a "b" <c> & 'd'` } }).hide({ to: "#confirm" });

  it("render their JSON, HTML-escaped, in a quoted attribute and in a name=${} attribute", () => {
    const json = String(js);
    const escaped = json.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    expect(toHtml(html`<button phx-click="${js}">x</button>`)).toBe(`<button phx-click="${escaped}">x</button>`);
    expect(toHtml(html`<button phx-click=${js}>x</button>`)).toBe(`<button phx-click="${escaped}">x</button>`);
    expect(toHtml(html`<button phx-click=${false && js}>x</button>`)).toBe(`<button>x</button>`);
    expect(escaped).not.toMatch(/["<>']/);
    // the same list again (kept in a constant), and a list from another copy of Lagoon's module
    expect(toHtml(html`<button phx-click=${js}>y</button>`)).toBe(`<button phx-click="${escaped}">y</button>`);
    const foreign = { [Symbol.for("lagoon.js")]: true, ops: js.ops, toString: () => json };
    expect(toHtml(html`<button phx-click=${foreign}>x</button>`)).toBe(`<button phx-click="${escaped}">x</button>`);
  });

  it("diff like any attribute value: sent once, omitted while unchanged", () => {
    const t = (j: JSCommands) => html`<button phx-click=${j}>x</button>`;
    const first = diffTemplate(t(js), undefined, { component: () => 0 });
    expect(first.diff?.[0]).toBe(toHtml(t(js)).slice("<button".length, -">x</button>".length));
    const again = diffTemplate(
      t(JS.push("delete", { value: { id: "1", note: `a "b" <c> & 'd'` } }).hide({ to: "#confirm" })),
      first.state,
      {
        component: () => 0,
      },
    );
    expect(again.diff).toBeNull();
  });
});
