/**
 * `lagoon/testing`: the in-process test client (shell/testing), with typed helpers for
 * the islands on a page:
 *
 *   const view = await visit(routes, "/");
 *   await view.element("button", "+").click();
 *   expect(view.island(Counter, "counter").props()).toEqual({ count: 1 });
 *   await view.island(Counter, "counter").emit("add", { by: 2 });
 *
 * The app's islands folder (`src/islands`) is loaded for server rendering on the first
 * visit, as the server loads it on start; `loadIslands(dir)` first for another folder.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { visit as visitPage, ReplyError, type LiveViewTest, type VisitOptions } from "../shell/testing/index.js";
import type { LiveRoute } from "../shell/router.js";
import {
  commandEvent,
  eventName,
  payloadSchema,
  replySchema,
  describeIssues,
  type AnyIsland,
  type CommandName,
  type CommandPayload,
  type EventInput,
  type EventName,
  type EventReply,
  type PropsOf,
  type StreamItem,
  type StreamName,
} from "./contract.js";
import { loadIslands } from "./discover.js";
import { applyStream, isStateMessage, type StateMessage, type StreamEntry } from "./island-state.js";
import { applyOps } from "./props-patch.js";
import { decodeValue, encodeValue, type Json } from "./wire-values.js";
import { registeredIslands } from "./registry.js";

export {
  Redirected,
  ReplyError,
  type LiveViewTest,
  type VisitOptions,
  TestElement,
  TestForm,
  type TestFile,
  type UploadOutcome,
} from "../shell/testing/index.js";
export { loadIslands } from "./discover.js";

/** An island on a test page, driven the way its component would. */
export interface TestIsland<C extends AnyIsland> {
  /** The props the island has now, as its component gets them (what the server sent, applied). */
  props(): PropsOf<C>;
  /** The items of one of its streams, in order, as `useStream` gives them. */
  stream<K extends StreamName<C>>(name: K): StreamItem<C, K>[];
  /** Emits an event as the component would (checked by the contract first); resolves with the typed reply. */
  emit<K extends EventName<C>>(event: K, payload: EventInput<C, K>): Promise<EventReply<C, K>>;
  /** The commands the server pushed to this island, in order. */
  commands(): { command: CommandName<C>; payload: CommandPayload<C, CommandName<C>> }[];
}

/** A view under test (lagoon/testing's `visit`) with its islands at hand. */
export type IslandTestView = LiveViewTest & {
  /** The island with DOM id `id`, typed by its contract. */
  island<C extends AnyIsland>(contract: C, id: string): TestIsland<C>;
};

let conventionLoaded: Promise<unknown> | undefined;

/** Renders `path` as the HTTP request would, joins it like the browser, and returns it with island helpers. */
export async function visit(routes: Iterable<LiveRoute | LiveRoute[]>, path: string, opts: VisitOptions = {}): Promise<IslandTestView> {
  if (!conventionLoaded && registeredIslands().length === 0) {
    const dir = join(process.cwd(), "src", "islands");
    conventionLoaded = existsSync(dir) ? loadIslands(dir) : Promise.resolve();
  }
  await conventionLoaded;
  const view = await visitPage(routes, path, opts);
  return Object.assign(view, { island: <C extends AnyIsland>(contract: C, id: string) => testIsland(view, contract, id) });
}

function testIsland<C extends AnyIsland>(view: LiveViewTest, contract: C, id: string): TestIsland<C> {
  const where = `island ${contract.name}#${id}`;
  const states = () =>
    view.events.filter(([name, value]) => name === commandEvent(id) && isStateMessage(value)).map(([, value]) => value as StateMessage);
  const element = () => {
    const el = view.find(`[id="${id}"]`);
    if (!el || el.getAttribute("data-island") !== contract.name) throw new Error(`${where} is not on the page\n${view.html()}`);
    return el;
  };
  return {
    props() {
      element();
      let wire: Json | undefined;
      for (const message of states()) {
        if (message.P !== undefined) wire = message.P;
        else if (message.p && wire !== undefined) wire = applyOps(wire, message.p);
      }
      if (wire === undefined) throw new Error(`${where}: the server sent no props for it`);
      return decodeValue(wire) as PropsOf<C>;
    },
    stream(name) {
      element();
      let entries: StreamEntry[] = [];
      for (const message of states()) if (message.s?.[name]) entries = applyStream(entries, message.s[name]);
      return entries.map((e) => decodeValue(e.item)) as StreamItem<C, typeof name>[];
    },
    async emit(event, payload) {
      const spec = contract.events[event];
      if (!spec) throw new Error(`${where}: the contract has no event "${event}"`);
      const parsed = payloadSchema(spec).safeParse(payload);
      if (!parsed.success) throw new ReplyError({ reason: "invalid_params", message: `${where}: ${describeIssues(parsed.error.issues)}` });
      const cid = closestComponent(element());
      const reply = await view.hook(eventName(contract, event), { id, payload: encodeValue(payload) }, cid);
      const schema = replySchema(spec);
      if (!schema) return undefined as EventReply<C, typeof event>;
      const checked = schema.safeParse(decodeValue(reply as Json));
      if (!checked.success) throw new Error(`${where}: invalid ${event} reply: ${describeIssues(checked.error.issues)}`);
      return checked.data as EventReply<C, typeof event>;
    },
    commands() {
      return view.events
        .filter(([name]) => name === commandEvent(id))
        .map(([, value]) => value as { island: string; command: CommandName<C>; payload: CommandPayload<C, CommandName<C>> })
        .filter((v) => v.island === contract.name)
        .map(({ command, payload }) => ({ command, payload: contract.commands[command]!.parse(decodeValue(payload as Json)) }));
    },
  };
}

/** The cid of the live component an element sits in (its events go there, as the hook's pushEventTo does). */
function closestComponent(el: { getAttribute(name: string): string | undefined | null; parentNode: unknown }): number | undefined {
  for (let node: any = el; node; node = node.parentNode) {
    const cid = node.getAttribute?.("data-phx-component");
    if (cid) return Number(cid);
  }
  return undefined;
}
