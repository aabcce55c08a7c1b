/**
 * /keyed-comprehension (E2E.KeyedComprehensionLive). The three tabs differ upstream only in
 * where `:key` sits (th/tr/td, tr, nowhere), a diff optimisation; Lagoon diffs lists by
 * position, so the tabs render the same table.
 */
import { defineView, html, type Template } from "lagoon";
import { link, uniqueInteger } from "../elixir.js";

interface KeyedItem {
  id: number;
  entry: { other: string; foo: { bar: string } };
}

function randomItems(size: number): KeyedItem[] {
  const pool = Array.from({ length: size * 2 }, (_, i) => i + 1);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, size).map((id) => ({ id, entry: { other: "hey", foo: { bar: `New${id + 1}` } } }));
}

const TABS = ["all_keyed", "rows_keyed", "no_keyed"];

function table(rows: KeyedItem[], count: number, i: number): Template {
  return html`<div class="mt-8 flow-root">
      <div class="-mx-4 -my-2 overflow-x-auto sm:-mx-6 lg:-mx-8">
        <div class="inline-block min-w-full py-2 align-middle sm:px-6 lg:px-8">
          <table class="min-w-full divide-y divide-gray-300">
            <thead>
              <tr>
                <th scope="col" class="py-3.5 px-3 text-left text-sm font-semibold text-gray-900">
                  Foo
                </th>
                <th scope="col" class="py-3.5 px-3 text-left text-sm font-semibold text-gray-900">
                  Count
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-gray-200">
              ${rows.map(
                (row) => html`<tr>
                <td class="py-4 px-3 text-sm whitespace-nowrap text-gray-500">
                  <span>
      Count: ${count} Name: ${row.entry.foo.bar}
    </span> ${i}
                </td>
                <td class="py-4 px-3 text-sm whitespace-nowrap text-gray-500">
                  ${count}
                </td>
              </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </div>
    </div>`;
}

export const KeyedComprehensionLive = defineView<{ count: number; items: KeyedItem[]; size: number; tailwind: boolean; activeTab: string }>(
  {
    name: "KeyedComprehensionLive",
    mount(_p, _s, socket) {
      socket.assign({ count: 0, items: randomItems(10), size: 10, tailwind: true });
    },
    handleParams(params, _url, socket) {
      socket.assign({ activeTab: TABS.includes(String(params.tab)) ? String(params.tab) : "all_keyed" });
    },
    events: {
      randomize: (_p, socket) => void socket.assign({ items: randomItems(socket.assigns.size) }).update("count", (n) => n + 1),
      change_size(p, socket) {
        const size = p.size === "" ? 0 : parseInt(String(p.size), 10) || 0;
        socket.assign({ items: randomItems(size), size }).update("count", (n) => n + 1);
      },
      change_0: (_p, socket) =>
        void socket.assign({
          items: [
            { id: 2000, entry: { other: "hey", foo: { bar: String(uniqueInteger()) } } },
            ...socket.assigns.items.slice(1, socket.assigns.size + 2),
          ],
        }),
      change_other: (_p, socket) =>
        void socket.assign({
          items: socket.assigns.items.map((item) => ({ ...item, entry: { ...item.entry, other: `hey ${uniqueInteger()}` } })),
        }),
    },
    render: (a) => html`<div class="p-8">
      <div class="border-b border-gray-200 mb-6">
        <nav role="tablist" class="tabs tabs-border">
          ${link({ patch: "/keyed-comprehension?tab=all_keyed", class: `tab ${a.activeTab === "all_keyed" ? "tab-active" : ""}` }, "All keyed")}
          ${link({ patch: "/keyed-comprehension?tab=rows_keyed", class: `tab ${a.activeTab === "rows_keyed" ? "tab-active" : ""}` }, "Rows keyed")}
          ${link({ patch: "/keyed-comprehension?tab=no_keyed", class: `tab ${a.activeTab === "no_keyed" ? "tab-active" : ""}` }, "No keyed")}
        </nav>
      </div>
      <button class="btn" phx-click="randomize">randomize</button>
      <button class="btn" phx-click="change_0">change first</button>
      <button class="btn" phx-click="change_other">change other</button>
      <form>
        <input phx-change="change_size" name="size" value=${a.size} />
      </form>
      ${[1, 2].map(
        (i) => html`<div>
        ${table(a.items, a.count, i)}
      </div>`,
      )}
    </div>`,
  },
);
