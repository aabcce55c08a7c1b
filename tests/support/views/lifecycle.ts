/** Fixture views for live actions and batched component updates, beside nested.ts's hooks. */
import { component, defineComponent, defineView, html, live } from "../../../shell/index.js";

/** One view, two actions: the URL names which. */
export const ActionLive = defineView<{ action: string }>({
  name: "ActionLive",
  handleParams(_p, _url, socket) {
    socket.assign({ action: socket.liveAction ?? "none" });
  },
  render: (a) => html`<p id="action">${a.action}</p>
<a id="to-edit" href="/items/1/edit" data-phx-link="patch" data-phx-link-state="push">edit</a>
<a id="to-show" href="/items/1" data-phx-link="patch" data-phx-link-state="push">show</a>`,
});

/** Each row shows the size of the batch its last update came in. */
const Row = defineComponent<{ label: string; batch: number; later?: string }>({
  name: "BatchedRow",
  updateMany(list) {
    for (const { assigns, socket } of list) socket.assign({ ...assigns, batch: list.length });
  },
  render: (a) => html`<li>${a.label} (batch of ${a.batch})${a.later ? html` ${a.later}` : ""}</li>`,
});

export const RowsLive = defineView<{ labels: string[] }>({
  name: "RowsLive",
  mount(_p, _s, socket) {
    socket.assign({ labels: ["a", "b", "c"] });
  },
  events: {
    rename: (_p, socket) => {
      socket.update("labels", (l) => l.map((x) => x.toUpperCase()));
    },
    later: (_p, socket) => {
      socket.sendUpdateAfter(Row, "0", { label: "A", later: "updated later" }, 100);
    },
  },
  render: (a) => html`<ul id="rows">${a.labels.map((label, i) => component(Row, { id: String(i), label }))}</ul>
<button id="rename" phx-click="rename">rename</button><button id="later" phx-click="later">later</button>`,
});

export const lifecycleRoutes = [
  live("/items/:id", ActionLive, "show"),
  live("/items/:id/edit", ActionLive, "edit"),
  live("/rows", RowsLive),
];
