/** The forms of the issue pages: selects, change targets, recovery, debounce, native submits. */
import { defineView, html, JS, type Params, type Template } from "lagoon";
import { inspect, optionsForSelect } from "../elixir.js";

/** Phoenix's `used_input?`: the params hold the field and no `_unused_` marker for it. */
export const usedInput = (params: Params, field: string) => field in params && !(`_unused_${field}` in params);

/** A form event's `_target` as Phoenix decodes it: the input name as a path (`foo[bar]` → ["foo", "bar"]). */
export function targetPath(target: unknown): string[] | undefined {
  if (typeof target !== "string" || target === "undefined") return undefined;
  const [head, ...rest] = target.split("[");
  return [head!, ...rest.map((p) => p.replace(/\]$/, ""))].filter((p) => p !== "");
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** /issues/3107 */
export const Issue3107Live = defineView<{ disabled: boolean }>({
  name: "Issue3107Live",
  mount(_p, _s, socket) {
    socket.assign({ disabled: true });
  },
  events: { validate: (_p, socket) => void socket.assign({ disabled: false }) },
  render: (a) => html`<form phx-change="validate" style="display: flex;">
      <select>
        <option value="ONE">ONE</option>
        <option value="TWO">TWO</option>
      </select>

      <button disabled=${a.disabled}>OK</button>
    </form>`,
});

/** /issues/3719 */
export const Issue3719Live = defineView<{ target: string[] | null }>({
  name: "Issue3719Live",
  mount(_p, _s, socket) {
    socket.assign({ target: null });
  },
  events: { inc: (p, socket) => void socket.assign({ target: targetPath(p._target) ?? null }) },
  render: (a) => html`<form phx-change="inc">
      <input id="a" type="text" name="foo" />
      <input id="b" type="text" name="foo[bar]" />
    </form>
    <span id="target">${inspect(a.target)}</span>`,
});

/** /issues/3819 */
export const Issue3819Live = defineView<{ reconnected: boolean }>({
  name: "Issue3819Live",
  mount(_p, _s, socket) {
    socket.assign({ reconnected: false });
  },
  events: {
    validate: () => undefined,
    save: () => undefined,
    reconnected: (_p, socket) => void socket.assign({ reconnected: true }),
  },
  render: (a) => html`<form id="recover" phx-change="validate" phx-submit="save">
      <button>Submit</button>
    </form>

    ${a.reconnected ? html`<p id="reconnected">Reconnected!</p>` : ""}`,
});

/** /issues/4102 */
export const Issue4102Live = defineView<{ name: string }>({
  name: "Issue4102Live",
  mount(_p, _s, socket) {
    socket.assign({ name: "Test" });
  },
  events: {
    validate: (p, socket) => void socket.assign({ name: String(p.name) }),
    submit: (p, socket) => void socket.assign({ name: String(p.name) }),
  },
  render: (a) => html`<div>
      <input form="my-form" phx-debounce="500" name="name" id="name" value=${a.name} type="text" />
      <form id="my-form" phx-change="validate" phx-submit="submit">
        <button type="submit" phx-disable-with="Submitting...">Submit</button>
      </form>
    </div>`,
});

/** /issues/3083: selections come from the eval snippet E5 (or a timer without ?auto=false). */
export const Issue3083Live = defineView<{ ids: unknown[] }>({
  name: "Issue3083Live",
  mount(params, _s, socket) {
    socket.assign({ ids: [] });
    if (socket.connected && params.auto !== "false") {
      const timer = setInterval(() => socket.send("tick"), 1000);
      socket.onEnd(() => clearInterval(timer));
    }
  },
  info(message, socket) {
    if (message === "tick") socket.assign({ ids: [1, 2, 3, 4, 5].sort(() => Math.random() - 0.5).slice(0, 2) });
    else if (message?.select) socket.assign({ ids: message.select });
  },
  events: { validate: () => undefined },
  render: (a) => html`<form id="form" phx-change="validate">
      <select id="ids" name="ids[]" multiple>
        ${optionsForSelect([1, 2, 3, 4, 5], a.ids)}
      </select>
      <input type="text" placeholder="focus me!" />
    </form>`,
});

/** /issues/3448 */
export const Issue3448Live = defineView<{ a: string[] }>({
  name: "Issue3448Live",
  mount(_p, _s, socket) {
    socket.assignNew("a", () => []);
  },
  events: {
    validate: (p, socket) => void socket.assign({ a: Array.isArray(p.a) ? p.a.map(String) : [] }),
    search: () => undefined,
  },
  render: (a) => {
    const click = JS.dispatch("input").focus({ to: "#search" });
    return html`<form id="my_form" phx-change="validate" class="flex flex-col gap-2">
      <div>
        ${a.a.map(
          (value) => html`<div>
          <div>${value}</div>
        </div>`,
        )}
        <input id="search" type="search" name="value" phx-change="search" />
      </div>
      <div class="flex gap-2">
        <input type="checkbox" name="a[]" value="settings" checked=${a.a.includes("settings")} phx-click=${click} />
        <input type="checkbox" name="a[]" value="content" checked=${a.a.includes("content")} phx-click=${click} />
      </div>
    </form>`;
  },
});

/** /issues/3814: the form posts natively to /submit once the server sets phx-trigger-action. */
export const Issue3814Live = defineView<{ triggerSubmit: boolean; csrf: string }>({
  name: "Issue3814Live",
  mount(_p, session, socket) {
    socket.assign({ triggerSubmit: false, csrf: String(session._csrf_token) });
  },
  events: { submit: (_p, socket) => void socket.assign({ triggerSubmit: true }) },
  render: (a) => html`<form action="/submit" method="post" phx-submit="submit" phx-trigger-action=${a.triggerSubmit}>
      <input name="_csrf_token" type="hidden" hidden value=${a.csrf} />
      <input type="hidden" name="greeting" value="hello" />
      <button type="submit" name="i-am-the-submitter" value="submitter-value">Submit</button>
    </form>`,
});

/** /issues/3194 */
export const Issue3194Live = defineView<{ storeNumber: string | undefined }>({
  name: "Issue3194Live",
  events: {
    submit: (_p, socket) => void socket.pushNavigate("/issues/3194/other"),
    validate: () => undefined,
  },
  render: () => html`<form phx-change="validate" phx-submit="submit">
      <input id="foo_store_number" name="foo[store_number]" type="text" phx-debounce="blur" />
    </form>`,
});

export const Issue3194OtherLive = defineView({
  name: "Issue3194Live.OtherLive",
  render: () => html`<h2>Another LiveView</h2>`,
});

/** The `.input type="select"` of the generated core components, as /select and /issues/2787 use it. */
function select(opts: {
  id: string;
  name: string;
  options: Iterable<unknown>;
  value: unknown;
  prompt?: string;
  cls?: string | null;
}): Template {
  return html`<select id=${opts.id} name=${opts.name} class=${opts.cls ?? null}>
        ${opts.prompt !== undefined ? html`<option value="">${opts.prompt}</option>` : ""}
        ${optionsForSelect(opts.options, opts.value)}
      </select>`;
}

const GREETINGS = ["hello", "hallo", "hei"];
const GOODBYES = ["goodbye", "auf wiedersehen", "ha det bra"];

/** /issues/2787 (the Tailwind CDN script is left out: it is cosmetic and unreachable offline) */
export const Issue2787Live = defineView<{ demo: Params; select2Opts: string[] }>({
  name: "Issue2787Live",
  mount(_p, _s, socket) {
    socket.assign({ demo: {}, select2Opts: [] });
  },
  events: {
    updated(p, socket) {
      const demo = (p.demo ?? {}) as Params;
      const opts = demo.select1 === "greetings" ? GREETINGS : demo.select1 === "goodbyes" ? GOODBYES : [];
      socket.assign({ demo, select2Opts: opts });
    },
    submitted: (_p, socket) => void socket.assign({ demo: {}, select2Opts: [] }),
  },
  render: (a) => {
    const label = (forId: string, text: string) =>
      html`<label for=${forId} class="block text-sm font-semibold leading-6 text-zinc-800">${text}</label>`;
    return html`<div class="p-20">
      <form phx-change="updated" phx-submit="submitted" class="space-y-4">
        <div>
          ${label("demo_select1", "select1")}
          ${select({ id: "demo_select1", name: "demo[select1]", prompt: "Select", options: ["greetings", "goodbyes"], value: a.demo.select1 })}
        </div>
        <div>
          ${label("demo_select2", "select2")}
          ${select({ id: "demo_select2", name: "demo[select2]", prompt: "Select", options: a.select2Opts, value: a.demo.select2 })}
        </div>
        <div>
          ${label("demo_dummy", "Some text")}
          <input type="text" name="demo[dummy]" id="demo_dummy" value=${str(a.demo.dummy)} class="mt-2 px-2 block w-full rounded-lg text-zinc-900 border focus:ring-0 sm:text-sm sm:leading-6 border-zinc-300 focus:border-zinc-400" />
        </div>

        <button class="text-sm border bg-zinc-200" type="submit">Submit</button>
      </form>
    </div>`;
  },
});

/** /select (E2E.SelectLive); the timers and countdown buttons are not driven by the suite. */
export const SelectLive = defineView<{ params: Params; validated: boolean }>({
  name: "SelectLive",
  mount(_p, _s, socket) {
    socket.assign({ params: { select3: "2" }, validated: false });
  },
  events: {
    validate: (p, socket) => void socket.assign({ params: (p.select_form ?? {}) as Params, validated: true }),
  },
  render: (a) => {
    // the changeset's only validation: select3 greater than 5, shown once the field was used
    const select3Error = a.validated && usedInput(a.params, "select3") && !(Number(a.params.select3) > 5);
    const field = (n: string, options: Iterable<unknown>, value: unknown, error = false) =>
      html`<div>
        ${select({ id: `select_form_${n}`, name: `select_form[${n}]`, options, value, cls: error ? "has-error" : null })}
      </div>`;
    const range = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    return html`<style>
      * { font-size: unset; }

      body {
        padding: 20px;
        max-width: 500px;
        font-family: sans-serif;
      }

      .has-error {
        border: 5px solid red;
      }

      select {
        border: 1px solid black;
      }
    </style>

    <h1>Select Playgroud</h1>
    <form phx-change="validate">
      <h2>Select 1</h2>
      ${field("select1", ["these options", "are fixed"], a.params.select1)}
      <hr />
      <h2>Select 2</h2>
      ${field("select2", range, a.params.select2)}
      <hr />
      <h2>Select 3</h2>
      ${field("select3", range, a.params.select3, select3Error)}
      <hr />
      <h2>Select 4</h2>
      ${field("select4", range, "1")}
      <hr />
    </form>`;
  },
});
