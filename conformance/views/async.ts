/** Async result pages: assign_async in views and live components, rendered with async_result. */
import { AsyncResult, component, defineComponent, defineView, html, type Template } from "lagoon";
import type { AsyncResult as AsyncState } from "lagoon";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `<.async_result>`: the result once ok (kept while reloading), else the loading or failed slot. */
function asyncResult<T>(
  state: AsyncState<T> | undefined,
  slots: { ok: (value: T) => unknown; loading?: () => unknown; failed?: (e: unknown) => unknown },
) {
  if (!state) return "";
  if (state.ok) return slots.ok(state.result as T);
  if (state.loading) return slots.loading?.() ?? "";
  return state.failed !== undefined ? (slots.failed?.(state.failed) ?? "") : "";
}

/** /issues/3931 */
export const Issue3931Live = defineView<{ slow_data: AsyncState<string> }>({
  name: "Issue3931Live",
  mount(_p, _s, socket) {
    socket.assignAsync("slow_data", async () => {
      await sleep(100);
      return { slow_data: "This was loaded asynchronously!" };
    });
  },
  render: (a) => html`<div class="max-w-4xl mx-auto p-8">
      ${asyncResult(a.slow_data, {
        loading: () => html`<div id="async" class="flex items-center space-x-3">
            <div class="animate-spin rounded-full h-8 w-8 border-b-2 border-blue-500"></div>
            <p class="text-gray-600">Loading data...</p>
          </div>`,
        ok: (data) => html`<div id="async" class="space-y-3">
          ${data}
        </div>`,
      })}
    </div>`,
});

const ItemHeader = defineComponent<{ item: string; async_assign: AsyncState<string> }>({
  name: "Issue3941Live.ItemHeader",
  update(assigns, socket) {
    socket.assign({ item: assigns.item }).assignAsync("async_assign", async () => ({ async_assign: "assign" }));
  },
  render: (a) => html`<div id=${`header-${a.item}`}>
      ${asyncResult(a.async_assign, {
        loading: () => html`<div id=${a.item} class="border border-y-0 bg-red-500 text-white">
            ${`${a.item} - I AM LOADING`}
          </div>`,
        ok: () => html`<div id=${a.item} class="border border-y-0 bg-green-500 text-white">
          ${`${a.item} - I AM LOADED!`}
        </div>`,
      })}
      ${a.async_assign?.ok ? ":assign" : "loading"}
    </div>`,
});

const Item = defineComponent<{ item: string; any_assign: AsyncState<boolean> }>({
  name: "Issue3941Live.Item",
  update(assigns, socket) {
    socket.assign({ item: assigns.item }).assignAsync("any_assign", async () => ({ any_assign: true }));
  },
  render: (a) => html`<div id=${`item-${a.item}`} phx-hook="PagePositionNotifier">
      ${component(ItemHeader, { id: `item-header-${a.item}`, item: a.item })}
    </div>`,
});

const ALL_ITEMS = ["Item_1", "Item_2"];

/** /issues/3941 (its layout's hook PagePositionNotifier pushes page_position_update on mount) */
export const Issue3941Live = defineView<{ selected: string[] }>({
  name: "Issue3941Live",
  mount(_p, _s, socket) {
    socket.assign({ selected: ALL_ITEMS });
  },
  events: {
    toggle_item(p, socket) {
      const clicked = String(p.clicked);
      const selected =
        p.value === undefined ? socket.assigns.selected.filter((i) => i !== clicked) : [...socket.assigns.selected, String(p.value)];
      socket.assign({ selected: selected.sort() });
    },
    page_position_update: () => undefined,
  },
  render: (a) => html`${ALL_ITEMS.map(
    (item) => html`<div>
      <label for=${`item-select-${item}`}>
        <input
          type="checkbox"
          phx-click="toggle_item"
          phx-value-clicked=${item}
          id=${`select-${item}`}
          name="select"
          value=${item}
          checked=${a.selected.includes(item)}
        />
        ${item}
      </label>
    </div>`,
  )}
    ${a.selected.map(
      (item) => html`<div>
      ${component(Item, { id: `item-${item}`, item })}
    </div>`,
    )}`,
});

type Entry = { id: number; value: string };
const paragraphs = (data: Entry[]): Template[] => data.map((item) => html`<p>${item.value}</p>`);

const ReproLiveComponent = defineComponent<{ data: Entry[] }>({
  name: "Issue4027Live.ReproLiveComponent",
  render: (a) => html`<div id="result">
      ${paragraphs(a.data)}
    </div>`,
});

const ReproLiveComponentWithAsyncResult = defineComponent<{ data: AsyncState<Entry[]> }>({
  name: "Issue4027Live.ReproLiveComponentWithAsyncResult",
  render: (a) => html`<div id="result">
      ${asyncResult(a.data, { ok: paragraphs })}
    </div>`,
});

const load = (entries: Entry[]) => async () => {
  await sleep(100);
  return { data: entries };
};

/** /issues/4027?case=first|second */
export const Issue4027Live = defineView<{ data: AsyncState<Entry[]>; case: string }>({
  name: "Issue4027Live",
  mount(params, _s, socket) {
    socket.assign({ data: AsyncResult.ok([]), case: typeof params.case === "string" ? params.case : "first" });
  },
  events: {
    load: (_p, socket) =>
      void socket.assignAsync(
        "data",
        load([
          { id: 1, value: "First" },
          { id: 2, value: "Second" },
          { id: 3, value: "Third" },
        ]),
      ),
    remove: (_p, socket) =>
      void socket.assignAsync(
        "data",
        load([
          { id: 2, value: "Second" },
          { id: 3, value: "Third" },
        ]),
      ),
  },
  render: (a) => html`<div class="p-4">
      <p class="my-4">
        Click Load Data. 3 items should be displayed. Then click Remove First entry. The expected result is 2 items displayed.
      </p>
      <div>
        ${a.case === "first" ? asyncResult(a.data, { ok: (data) => component(ReproLiveComponent, { id: "repro", data }) }) : ""}
        ${
          a.case === "second"
            ? html`<div style="margin: 10px; height: 1px; background-color: black;"></div>
          ${component(ReproLiveComponentWithAsyncResult, { id: "repro_async", data: a.data })}`
            : ""
        }
      </div>
      <div>
        <button phx-click="load">Load data</button>
        <button phx-click="remove">Remove first entry</button>
      </div>
    </div>`,
});
