/** The form pages of forms.spec.js: /form (FormLive), /form/stream, /form/dynamic-inputs. */
import { component, defineComponent, defineView, html, JS, type LiveStream, type Params } from "lagoon";
import { AtomMap, inspect, optionsForSelect, portal } from "../elixir.js";
import { withEval } from "../eval.js";

type FormParams = Record<string, unknown>;
const has = (params: FormParams, key: string) => params[key] !== undefined && params[key] !== null;
const s = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

/** FormLive.my_form: every URL flag becomes an attribute of the form (an empty flag, `attr=""`). */
function myForm(params: FormParams, target?: number) {
  const id = s(params.id);
  return html`<form
        id=${id}
        phx-submit="save"
        phx-change=${s(params["phx-change"])}
        phx-auto-recover=${s(params["phx-auto-recover"])}
        phx-no-unused-field=${s(params["phx-no-unused-field-form"])}
        phx-target=${target}
        class="myformclass"
      >
        <fieldset disabled=${s(params["disabled-fieldset"])}>
          <input type="text" name="a" readonly value=${s(params.a)} />
          <input type="text" name="b" value=${s(params.b)} />
        </fieldset>
        <input
          type="text"
          name="c"
          value=${s(params.c)}
          phx-no-unused-field=${s(params["phx-no-unused-field-input"])}
        />
        <select name="d">
          ${optionsForSelect(["foo", "bar", "baz"], params.d)}
        </select>
        ${id ? html`<input type="text" name="e" form=${id} value=${s(params.e)} />` : ""}
        <button type="submit" phx-disable-with="Submitting" phx-click=${JS.dispatch("test")}>
          Submit with JS
        </button>
        <button id="submit" type="submit" phx-disable-with="Submitting">Submit</button>
        <button type="button" phx-click="button-test" phx-disable-with="Loading">
          Non-form Button
        </button>
      </form>
      ${id ? html`<input type="text" name="f" form=${id} value=${s(params.f)} />` : ""}`;
}

/** The handlers FormLive and its FormComponent share. */
const formEvents = {
  validate: (p: Params, socket: any) => void socket.assign({ params: { ...socket.assigns.params, ...p } }),
  save: (_p: Params, socket: any) => void socket.assign({ submitted: true }),
  "custom-recovery": (_p: Params, socket: any) =>
    void socket.assign({ params: { ...socket.assigns.params, b: "custom value from server" } }),
  "patch-recovery": (_p: Params, socket: any) => void socket.pushPatch("/form?patched=true"),
};

const FormComponent = defineComponent<{ params: FormParams; submitted: boolean }>({
  name: "FormLive.FormComponent",
  mount(socket) {
    socket.assign({ submitted: false });
  },
  events: formEvents,
  render: (a) => html`<div>
          ${myForm(a.params, a.myself)}
          ${a.submitted ? html`<p>LC Form was submitted!</p>` : ""}
        </div>`,
});

const DEFAULTS: FormParams = { a: "foo", b: "bar", c: "baz", id: "test-form", "phx-change": "validate" };

/** FormLive's mount: the page's flags over the defaults. */
function mountForm(urlParams: FormParams, socket: any) {
  const params: FormParams = { ...DEFAULTS, ...urlParams };
  if (has(urlParams, "no-id")) delete params.id;
  else if (has(urlParams, "no-change-event")) delete params["phx-change"];
  else if (has(urlParams, "js-change")) params["phx-change"] = String(JS.push("validate"));
  socket.assign({ params, submitted: false });
}

function renderForm(a: { params: FormParams; submitted: boolean }) {
  const p = a.params;
  const inner = has(p, "live-component") ? component(FormComponent, { id: "form-component", params: p }) : myForm(p);
  return html`${has(p, "portal") ? html`<h1>Form</h1>` : ""}
      ${has(p, "portal") ? portal("form-portal", "body", inner) : inner}
      ${a.submitted ? html`<p>Form was submitted!</p>` : ""}`;
}

/** /form (E2E.FormLive) */
export const FormLive = defineView<{ params: FormParams; submitted: boolean }>({
  name: "FormLive",
  mount: (urlParams, _s, socket) => mountForm(urlParams, socket),
  handleParams() {},
  events: { ...formEvents, "button-test": () => undefined },
  render: renderForm,
});

/**
 * E2E.FormLiveNested, /form/nested's child: FormLive mounted with the page's params as its
 * session. The live session's eval hook does not reach a nested view, so it adds its own,
 * as the upstream view runs the session's on_mount by hand.
 */
export const FormLiveNested = withEval(
  defineView<{ params: FormParams; submitted: boolean }>({
    name: "FormLiveNested",
    mount: (_p, session, socket) => mountForm((session.params ?? {}) as FormParams, socket),
    events: { ...formEvents, "button-test": () => undefined },
    render: renderForm,
  }),
);

/** /form/stream (E2E.FormStreamLive) */
export const FormStreamLive = defineView<{ count: number; streamCount: number; streams: { items: LiveStream<{ id: number }> } }>({
  name: "FormStreamLive",
  mount(_p, _s, socket) {
    if (socket.connected) {
      const timer = setInterval(() => socket.send("tick"), 100);
      socket.onEnd(() => clearInterval(timer));
    }
    socket.assign({ count: 0, streamCount: 3 }).stream("items", [{ id: 1 }, { id: 2 }, { id: 3 }]);
  },
  info(message, socket) {
    if (message === "tick") socket.update("count", (n) => n + 1);
  },
  events: {
    ping: () => ({}),
    validate: (_p, socket) => void bump(socket),
    save: (_p, socket) => void bump(socket),
  },
  render: (a) => html`${a.count}
    <form id="test-form" phx-change="validate" phx-submit="save">
      <input name="myname" value=${a.count} />
      <input id="other" name="other" value=${a.count} />
      <div id="form-stream-hook" phx-hook="FormHook" phx-update="ignore"></div>
      <ul id="form-stream" phx-update="stream">
        ${a.streams.items.map(
          (item, id) => html`<li id=${id} phx-hook="FormStreamHook">
          *${inspect(new AtomMap(item))}
        </li>`,
        )}
      </ul>
      <button id="submit" phx-disable-with="Saving...">Submit</button>
    </form>`,
});

function bump(socket: any) {
  const next = socket.assigns.streamCount + 1;
  socket.assign({ count: socket.assigns.count + 1, streamCount: next }).streamInsert("items", { id: next });
}

type User = { name?: unknown };

/** FormDynamicInputsLive.build_users: Ecto's sort_param/drop_param over a map of nested params. */
function buildUsers(value: unknown, sort: unknown, drop: unknown): User[] {
  const pending = new Map(
    Object.entries(typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, User>) : {}),
  );
  const dropList = Array.isArray(drop) ? drop.map(String) : [];
  const sorted: User[] = [];
  if (Array.isArray(sort)) {
    const keys = sort.map(String);
    // Elixir's `sort -- drop` removes one occurrence per dropped element
    for (const d of dropList) {
      const i = keys.indexOf(d);
      if (i >= 0) keys.splice(i, 1);
    }
    for (const key of keys) {
      sorted.push(pending.get(key) ?? { name: null });
      pending.delete(key);
    }
  }
  for (const d of dropList) pending.delete(d);
  const rest = [...pending.entries()].sort(([a], [b]) => (Number(a) || 0) - (Number(b) || 0) || a.localeCompare(b)).map(([, v]) => v);
  return [...sorted, ...rest];
}

/** /form/dynamic-inputs (E2E.FormDynamicInputsLive) */
export const FormDynamicInputsLive = defineView<{ name: unknown; users: User[]; checkboxes: boolean; submitted: boolean }>({
  name: "FormDynamicInputsLive",
  mount(params, _s, socket) {
    socket.assign({ name: undefined, users: [], checkboxes: params.checkboxes === "1", submitted: false });
  },
  events: {
    validate: (p, socket) => void assignForm(socket, p.my_form),
    save: (p, socket) => void assignForm(socket, p.my_form).assign({ submitted: true }),
  },
  render: (a) => {
    const change = JS.dispatch("change");
    return html`<form
      id="my-form"
      phx-change="validate"
      phx-submit="save"
      style="display: flex; flex-direction: column; gap: 4px; max-width: 500px;"
    >
      <fieldset>
        <input type="text" id="my-form_name" name="my_form[name]" value=${s(a.name)} placeholder="name" />
        ${a.users.map(
          (user, index) => html`<div style="padding: 4px; border: 1px solid gray;">
            <input type="hidden" name="my_form[users_sort][]" value=${index} />
            <input
              type="text"
              id=${`my-form_users_${index}_name`}
              name=${`my_form[users][${index}][name]`}
              value=${s(user.name)}
              placeholder="name"
            />
            ${
              a.checkboxes
                ? html`<label>
              <input type="checkbox" name="my_form[users_drop][]" value=${index} /> Remove
            </label>`
                : html`<button type="button" name="my_form[users_drop][]" value=${index} phx-click=${change}>
              Remove
            </button>`
            }
          </div>`,
        )}
      </fieldset>
      <input type="hidden" name="my_form[users_drop][]" />
      ${
        a.checkboxes
          ? html`<label>
        <input type="checkbox" name="my_form[users_sort][]" /> add more
      </label>`
          : html`<button type="button" name="my_form[users_sort][]" value="new" phx-click=${change}>
        add more
      </button>`
      }
    </form>
    ${a.submitted ? html`<p>Form was submitted!</p>` : ""}`;
  },
});

function assignForm(socket: any, raw: unknown) {
  const params = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  return socket.assign({ name: params.name, users: buildUsers(params.users, params.users_sort, params.users_drop) });
}

/** /form/feedback (E2E.FormFeedbackLive, whose layout passes the phx-feedback-for shim as the `dom` option) */
export const FormFeedbackLive = defineView<{ count: number; submitCount: number; validateCount: number; feedback: boolean }>({
  name: "FormFeedbackLive",
  mount(_p, _s, socket) {
    socket.assign({ count: 0, submitCount: 0, validateCount: 0, feedback: true });
  },
  events: {
    validate: (_p, socket) => void socket.update("validateCount", (n) => n + 1),
    submit: (_p, socket) => void socket.update("submitCount", (n) => n + 1),
    inc: (_p, socket) => void socket.update("count", (n) => n + 1),
    dec: (_p, socket) => void socket.update("count", (n) => n - 1),
    "toggle-feedback": (_p, socket) => void socket.update("feedback", (f) => !f),
  },
  render: (a) => html`<style>
      .phx-no-feedback {
        display: none;
      }
    </style>
    <p>Button Count: ${a.count}</p>
    <p>Validate Count: ${a.validateCount}</p>
    <p>Submit Count: ${a.submitCount}</p>
    <button phx-click="inc" class="bg-blue-500 text-white p-4">+</button>
    <button phx-click="dec" class="bg-blue-500 text-white p-4">-</button>
    <form id="myform" name="test" phx-change="validate" phx-submit="submit">
      <input type="text" name="name" class="border border-gray-500" placeholder="type sth" />
      <input type="text" name="myfeedback" class="border border-gray-500" placeholder="myfeedback" />
      <button type="submit">Submit</button>
      <button type="reset">Reset</button>
    </form>
    <div phx-feedback-for=${a.feedback ? "myfeedback" : null} data-feedback-container>
      I am visible, because phx-no-feedback is not set for myfeedback!
    </div>
    <button phx-click="toggle-feedback">Toggle feedback</button>`,
});
