/**
 * Fixture views for what crosses the wire to islands: /ledger (a long props list, typed values,
 * transforms, commands), /chips (a list of islands keyed by id), /shelf (slots and streams).
 */
import {
  component,
  defineComponent,
  defineView,
  each,
  html,
  live,
  liveSession,
  type LiveStream,
  type ViewSocket,
} from "../../../shell/index.js";
import { island, islandEvents, loadIslands, pushCommand } from "../../../islands/index.js";
import { Chip } from "../app/islands/chip.contract.js";
import { Ledger } from "../app/islands/ledger.contract.js";
import { Shelf } from "../app/islands/shelf.contract.js";

await loadIslands(new URL("../app/islands/", import.meta.url));

export interface LedgerRow {
  id: string;
  label: string;
  done: boolean;
}

export interface LedgerAssigns {
  title: string;
  rows: LedgerRow[];
  at: Date;
  tags: Set<string>;
  scores: Map<string, number>;
  big: bigint;
  home: URL;
  other: number;
  stamps: string[];
}

export const ledgerRows = (n: number): LedgerRow[] =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i}`, label: `Row ${i}`, done: false }));

type LedgerSocket = ViewSocket<LedgerAssigns>;

/** /ledger?n=1000&drift=1: drift gives the connected mount another title than the HTTP render. */
export const LedgerLive = defineView<LedgerAssigns>({
  name: "LedgerLive",
  mount(params, _session, socket) {
    socket.assign({
      title: params.drift === "1" && socket.connected ? "Drifted" : "Ledger",
      rows: ledgerRows(Number(params.n ?? 5)),
      at: new Date("2024-05-01T10:00:00.000Z"),
      tags: new Set(["x", "y"]),
      scores: new Map([["a", 1]]),
      big: 2n ** 70n,
      home: new URL("https://example.com/home"),
      other: 0,
      stamps: [],
    });
  },
  events: {
    toggle: (p: { id?: string }, socket: LedgerSocket) => {
      socket.update("rows", (rows) => rows.map((r) => (r.id === p.id ? { ...r, done: !r.done } : r)));
    },
    append: (p: { label?: string }, socket: LedgerSocket) => {
      socket.update("rows", (rows) => [...rows, { id: `n${rows.length}`, label: String(p.label ?? "New row"), done: false }]);
    },
    prepend: (_p, socket: LedgerSocket) => {
      socket.update("rows", (rows) => [{ id: `p${rows.length}`, label: "First", done: false }, ...rows]);
    },
    remove: (p: { id?: string }, socket: LedgerSocket) => {
      socket.update("rows", (rows) => rows.filter((r) => r.id !== p.id));
    },
    last: (_p, socket: LedgerSocket) => {
      socket.update("rows", (rows) => [...rows.slice(1), rows[0]!]);
    },
    retitle: (p: { title?: string }, socket: LedgerSocket) => {
      socket.assign({ title: String(p.title ?? "") });
    },
    later: (_p, socket: LedgerSocket) => {
      socket.update("at", (at) => new Date(at.getTime() + 86_400_000)).update("tags", (t) => new Set([...t, "z"]));
    },
    other: (_p, socket: LedgerSocket) => {
      socket.update("other", (n) => n + 1);
    },
    ...islandEvents(Ledger, {
      stamp: ({ at, label }, socket: LedgerSocket) => {
        socket.update("stamps", (s) => [...s, `${at.toISOString()} ${label}`]);
        return { at: new Date(at.getTime() + 1000), label };
      },
    }),
  },
  render: (a) => html`<main>
  <button phx-click="toggle" phx-value-id="r5">toggle r5</button>
  <button phx-click="append" phx-value-label="Appended">append</button>
  <button phx-click="later">later</button>
  <button phx-click="other">other</button>
  <p id="other">other: ${a.other}</p>
  <ol id="stamps">${a.stamps.map((s) => html`<li>${s}</li>`)}</ol>
  ${island(Ledger, { id: "ledger", props: { title: a.title, rows: a.rows, at: a.at, tags: a.tags, scores: a.scores, big: a.big, home: a.home } })}
</main>`,
});

/** Pushes `n` commands to the ledger (its `flood` event), for the command queue's bound. */
function floodLedger(socket: { pushEvent(name: string, payload: unknown): unknown }, n: number): void {
  for (let i = 0; i < n; i++) pushCommand(socket, Ledger, "ledger", "mark", { at: new Date(Date.UTC(2024, 0, 1 + i)), n: i });
}

/** /ledger-far: the ledger below a tall spacer, loaded when visible; `flood` pushes commands before it loads. */
export const LedgerFarLive = defineView<LedgerAssigns>({
  ...LedgerLive,
  name: "LedgerFarLive",
  events: {
    ...LedgerLive.events,
    flood: (p: { n?: number }, socket: LedgerSocket) => {
      floodLedger(socket, Number(p.n ?? 1));
      socket.update("other", (n) => n + 1);
    },
  },
  render: (a) => html`<main>
  <button phx-click="flood" phx-value-n="250">flood</button>
  <p id="other">other: ${a.other}</p>
  <div id="spacer" style="height: 3000px"></div>
  ${island(Ledger, { id: "ledger", load: "visible", props: { title: a.title, rows: a.rows, at: a.at, tags: a.tags, scores: a.scores, big: a.big, home: a.home } })}
</main>`,
});

/** /chips?n=100: a list of islands keyed by id. */
export const ChipsLive = defineView<{ chips: { id: number; label: string }[] }>({
  name: "ChipsLive",
  mount(params, _session, socket) {
    socket.assign({ chips: Array.from({ length: Number(params.n ?? 3) }, (_, i) => ({ id: i, label: `chip ${i}` })) });
  },
  events: {
    prepend: (_p, socket) => {
      socket.update("chips", (chips) => [{ id: chips.length, label: `chip ${chips.length}` }, ...chips]);
    },
    rename: (p: { id?: string }, socket) => {
      socket.update("chips", (chips) => chips.map((c) => (c.id === Number(p.id) ? { ...c, label: `${c.label}!` } : c)));
    },
  },
  render: (a) => html`<main>
  <button phx-click="prepend">prepend</button>
  <button phx-click="rename" phx-value-id="5">rename 5</button>
  <ul id="chips">${each(
    a.chips,
    (c) => c.id,
    (c) => html`<li>${island(Chip, { id: `chip-${c.id}`, props: c })}</li>`,
  )}</ul>
</main>`,
});

/** A live component inside a slot: its own clicks, its own diffs. */
const Tick = defineComponent<{ ticks: number }>({
  name: "Tick",
  mount(socket) {
    socket.assign({ ticks: 0 });
  },
  events: {
    tick: (_p, socket) => {
      socket.update("ticks", (n) => n + 1);
    },
  },
  render: (a) => html`<div class="tick"><span class="tick-count">ticks: ${a.ticks}</span>
  <button phx-click="tick" phx-target=${a.myself}>tick</button></div>`,
});

interface Item {
  id: number;
  text: string;
}

export interface ShelfAssigns {
  title: string;
  count: number;
  nextNote: number;
  nextItem: number;
  header: boolean;
  streams: { notes: LiveStream<{ id: number; text: string; at: Date }>; items: LiveStream<Item> };
}

type ShelfSocket = ViewSocket<ShelfAssigns>;

const note = (id: number, text = `note ${id}`) => ({ id, text, at: new Date(Date.UTC(2024, 0, id)) });

/** /shelf?notes=3: the Shelf island with a live header slot and children, and a stream of notes. */
export const ShelfLive = defineView<ShelfAssigns>({
  name: "ShelfLive",
  mount(params, _session, socket) {
    const n = Number(params.notes ?? 3);
    socket
      .assign({ title: "Shelf", count: 0, nextNote: n + 1, nextItem: 1, header: true })
      .stream(
        "notes",
        Array.from({ length: n }, (_, i) => note(i + 1)),
        { domId: (x) => `notes-${x.id}` },
      )
      .stream("items", [] as Item[]);
  },
  events: {
    bump: (_p, socket: ShelfSocket) => {
      socket.update("count", (n) => n + 1);
    },
    retitle: (p: { title?: string }, socket: ShelfSocket) => {
      socket.assign({ title: String(p.title ?? "") });
    },
    note: (p: { at?: string; limit?: string }, socket: ShelfSocket) => {
      const id = socket.assigns.nextNote;
      socket.assign({ nextNote: id + 1 });
      const opts = { ...(p.at !== undefined ? { at: Number(p.at) } : {}), ...(p.limit !== undefined ? { limit: Number(p.limit) } : {}) };
      socket.streamInsert("notes", note(id), opts);
    },
    renote: (p: { id?: string }, socket: ShelfSocket) => {
      socket.streamInsert("notes", note(Number(p.id), `note ${String(p.id)} edited`));
    },
    unnote: (p: { id?: string }, socket: ShelfSocket) => {
      socket.streamDelete("notes", `notes-${String(p.id)}`);
    },
    reset: (_p, socket: ShelfSocket) => {
      socket.stream("notes", [note(1), note(100, "note 100")], { reset: true });
    },
    item: (_p, socket: ShelfSocket) => {
      const id = socket.assigns.nextItem;
      socket.assign({ nextItem: id + 1 }).streamInsert("items", { id, text: `item ${id}` });
    },
    header: (_p, socket: ShelfSocket) => {
      socket.update("header", (h) => !h);
    },
  },
  render: (a) => html`<main>
  <button phx-click="note">note</button>
  <button phx-click="note" phx-value-at="0" phx-value-limit="3">note first, keep 3</button>
  <button phx-click="renote" phx-value-id="1">renote 1</button>
  <button phx-click="unnote" phx-value-id="2">unnote 2</button>
  <button phx-click="reset">reset notes</button>
  <button phx-click="header">header slot</button>
  <button phx-click="bump">bump from outside</button>
  <button phx-click="retitle" phx-value-title="Renamed">retitle</button>
  ${island(Shelf, {
    id: "shelf",
    props: { title: a.title },
    streams: { notes: a.streams.notes },
    slots: a.header
      ? {
          header: html`<p class="slot-count">count: ${a.count}</p>
      <button phx-click="bump">bump</button>`,
        }
      : {},
    children: html`${component(Tick, { id: "tick" })}
    <button phx-click="item">add item</button>
    <ul id="slot-items" phx-update="stream">${a.streams.items.map((i, domId) => html`<li id=${domId}>${i.text}</li>`)}</ul>`,
  })}
</main>`,
});

export const islandWireRoutes = () => [
  liveSession({ name: "island-wire" }, [
    live("/ledger", LedgerLive),
    live("/ledger-far", LedgerFarLive),
    live("/chips", ChipsLive),
    live("/shelf", ShelfLive),
  ]),
];
