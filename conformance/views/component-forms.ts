/** Live components holding forms: 3026 (a component replacing a status while its view sleeps), 3684, 3169, 3200. */
import { component, defineComponent, defineView, html, JS } from "lagoon";
import { optionsForSelect } from "../elixir.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const Issue3026Form = defineComponent<{ name: string; email: string }>({
  name: "Issue3026Live.Form",
  render: (a) => html`<div>
        Example form
        <form phx-change="validate" phx-submit="submit">
          <input label="Name" name="name" type="text" value=${a.name} />
          <input label="Email" name="email" type="text" value=${a.email} />
          <button type="submit">Submit</button>
        </form>
      </div>`,
});

/** /issues/3026 */
export const Issue3026Live = defineView<{ status: string; name?: string; email?: string }>({
  name: "Issue3026Live",
  mount(_p, _s, socket) {
    if (socket.connected) socket.send("load");
    socket.assign({ status: socket.connected ? "loading" : "connecting" });
  },
  async info(message, socket) {
    if (message !== "load") return;
    // the view's mailbox waits, as the Phoenix process sleeps
    await sleep(200);
    socket.assign({ status: "loaded", name: "John", email: "" });
  },
  events: {
    change_status: (p, socket) => void socket.assign({ status: String(p.status) }),
    validate: (p, socket) => void socket.assign({ name: String(p.name ?? ""), email: String(p.email ?? "") }),
    submit(_p, socket) {
      socket.send("load");
      socket.assign({ status: "loading" });
    },
  },
  render: (a) => html`<form phx-change="change_status">
      <select name="status" type="select">
        ${optionsForSelect(
          ["connecting", "loading", "connected", "loaded"].map((s) => [s.charAt(0).toUpperCase() + s.slice(1), s]),
          a.status,
        )}
      </select>
    </form>
    ${
      a.status === "loaded"
        ? component(Issue3026Form, { id: "my-form", name: a.name ?? "", email: a.email ?? "" })
        : html`<div class="p-8 bg-gray-200 mb-4">
      ${a.status}
    </div>`
    }`,
});

const BadgeForm = defineComponent<{ type: string }>({
  name: "Issue3684Live.BadgeForm",
  mount(socket) {
    socket.assign({ type: "huey" });
  },
  update() {},
  events: { "change-type": (p, socket) => void socket.assign({ type: String(p.type) }) },
  render: (a) => html`<div>
        <form id="foo" class="max-w-lg p-8 flex flex-col gap-4" phx-change="change" phx-submit="submit">
          <fieldset>
            <legend>Radio example:</legend>
            ${["huey", "dewey"].map(
              (type) => html`<div phx-click="change-type" phx-value-type=${type} phx-target=${a.myself}>
              <input type="radio" id=${type} name="type" value=${type} checked=${a.type === type} />
              <label for=${type}>${type}</label>
            </div>`,
            )}
          </fieldset>
        </form>
      </div>`,
});

/** /issues/3684 */
export const Issue3684Live = defineView({
  name: "Issue3684Live",
  events: { change: () => undefined, submit: () => undefined },
  render: () => html`${component(BadgeForm, { id: "badge_form" })}`,
});

const FormColumn = defineComponent<{ value: string }>({
  name: "Issue3169Live.FormColumn",
  render: (a) => html`<div>
      FormColumn (c3) <input type="text" value=${a.value} />
      <div>
      ${a.value}
      <input type="text" value=${a.value} />
      <div>
      ${a.value}
      <input type="text" value=${a.value} />
    </div>
    </div>
      This is a test! foo
    </div>`,
});

type Record3169 = { id: number; name: string };

const FormCore = defineComponent<{ record: Record3169 | null }>({
  name: "Issue3169Live.FormCore",
  mount(socket) {
    socket.assign({ record: null });
  },
  render: (a) => html`<div>
      FormCore (c2)
      <form>
        ${component(FormColumn, { id: `column-${a.record?.id}`, value: a.record?.name ?? "" })}
      </form>
    </div>`,
});

const FormComponent3169 = defineComponent<{ record: Record3169 | null; selected?: string | null; action?: { load: string } }>({
  name: "Issue3169Live.FormComponent",
  mount(socket) {
    socket.assign({ record: null });
  },
  update(assigns, socket) {
    if (assigns.action) {
      socket.assign({ record: { id: Math.floor(Math.random() * 1_000_000) + 1, name: `Record ${assigns.action.load}` } });
    } else if (assigns.selected !== null && assigns.selected !== undefined) {
      socket.sendUpdate(FormComponent3169, "form_view", { action: { load: assigns.selected } });
      socket.assign({ record: null });
    }
  },
  render: (a) => html`<div>
      FormComponent (c1)
      ${
        a.record
          ? html`<div>
        ${component(FormCore, { id: "core", record: a.record })}
      </div>`
          : ""
      }
      <hr />
    </div>`,
});

/** /issues/3169 */
export const Issue3169Live = defineView<{ selected: string | null }>({
  name: "Issue3169Live",
  mount(_p, _s, socket) {
    socket.assign({ selected: null });
  },
  events: { select: (p, socket) => void socket.assign({ selected: String(p.name) }) },
  render: (a) => html`HomeLive ${component(FormComponent3169, { id: "form_view", selected: a.selected })}
    <button id="select-a" phx-click="select" phx-value-name="a">Select A</button>
    <button id="select-b" phx-click="select" phx-value-name="b">Select B</button>
    <button id="select-z" phx-click="select" phx-value-name="z">Select Z</button>`,
});

const MessageComponent = defineComponent<{ message: string }>({
  name: "Issue3200.MessageComponent",
  render: (a) => html`<div>${a.message}</div>`,
});

const MessagesTab = defineComponent<{ value: string }>({
  name: "Issue3200.MessagesTab",
  update(_assigns, socket) {
    socket.assign({ value: "" });
  },
  events: { add_message_change: (p, socket) => void socket.assign({ value: String(p.new_message ?? "") }) },
  render: (a) => html`<div>
        ${component(MessageComponent, { id: "some_unique_message_id", message: "Example message" })}
        <form
          id="full_add_message_form"
          phx-change="add_message_change"
          phx-submit="add_message"
          phx-target="#full_add_message_form"
        >
          <div phx-feedback-for="new_message">
            <input name="new_message" id="new_message_input" value=${a.value} />
          </div>
        </form>
      </div>`,
});

const SettingsTab = defineComponent({ name: "Issue3200.SettingsTab", render: () => html`<div>Settings</div>` });

const tabButton = (text: string, route: string) =>
  html`<button type="button" phx-click=${JS.patch(route)}>
        ${text}
      </button>`;

/** /issues/3200/messages and /issues/3200/settings (Issue3200.PanelLive, live actions by path) */
export const Issue3200PanelLive = defineView<{ tab: string }>({
  name: "Issue3200.PanelLive",
  handleParams(_p, url, socket) {
    socket.assign({ tab: url.pathname.endsWith("/messages") ? "messages" : "settings" });
  },
  render: (a) => html`<div>
        <div>
          <div>
            ${tabButton("Messages tab", "/issues/3200/messages")}
            ${tabButton("Settings tab", "/issues/3200/settings")}
          </div>
          <aside>
            <div>
              ${a.tab === "messages" ? html`<div>${component(MessagesTab, { id: "messages_tab" })}</div>` : ""}
              ${a.tab === "settings" ? html`<div>${component(SettingsTab, { id: "settings_tab" })}</div>` : ""}
            </div>
          </aside>
        </div>
      </div>`,
});
