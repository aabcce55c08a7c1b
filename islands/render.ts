/**
 * `island(Contract, { id, props, load })`: an island inside an `html` template, rendered on
 * the server, with the module registered for it (registry.ts). Server-only
 * (react-dom/server): live views import it through lagoon/islands; the browser never loads
 * this module.
 *
 * It lives in islands/, not shell/ or server/: shell stays free of React and of any
 * transport, and what it renders is plain template values (html, raw, keep), so the test
 * client, the HTTP render and the live socket all handle islands without knowing of them.
 *
 * The markup (what hooks/island.ts reads):
 *
 *   <div id="ID" phx-hook="Island" phx-update="ignore" data-island="Name" data-load="eager"
 *        data-props='{"count":1}'>
 *     <div data-island-root data-ssr-props='{"count":1}'>...React's HTML...</div>
 *   </div>
 *
 * `phx-update="ignore"`: the client never patches the container's children (React owns
 * them) but still merges its data-* attributes and calls the hook's `updated`, so new props
 * reach a mounted island while its React state stays. The children are a `keep()` slot:
 * rendered by React when first sent (HTTP render, join, a new container), never re-rendered
 * nor re-sent after that, so a props change costs one attribute on the wire. They carry the
 * props they were rendered with (`data-ssr-props`): the hook hydrates with exactly those,
 * then renders the current props, so hydration never mismatches even when the props changed
 * between the HTTP render and the join.
 */
import { renderToString } from "react-dom/server";
import { LagoonError } from "../shell/errors.js";
import { describeIssues } from "../shell/schema.js";
import { safeJson } from "../shell/escape.js";
import { html, keep, raw, type Template } from "../shell/template.js";
import type { AnyIsland, Emit, IslandModule, On, PropsInput } from "./contract.js";
import { islandElement, staticStore } from "./host.js";
import { islandModule } from "./registry.js";

/** When the browser loads the island's code: at once, when the page is idle, or when it scrolls into view. */
export type Load = "eager" | "idle" | "visible";
const LOADS: readonly Load[] = ["eager", "idle", "visible"];

export interface IslandOptions<C extends AnyIsland> {
  /** The container's DOM id: unique in the page; `socket.pushCommand` addresses the island by it. */
  readonly id: string;
  readonly props: PropsInput<C>;
  /** Default "eager". */
  readonly load?: Load;
}

const ID = /^[A-Za-z][A-Za-z0-9_:.-]{0,99}$/;

/**
 * Props as JSON for a single-quoted attribute: safeJson leaves no `<`, `>` or `&` (so no
 * tag, no entity), and `'` (only possible inside JSON strings) becomes \u0027, so the value
 * cannot end early. The browser's attribute value is then exactly this JSON.
 */
export function encodeProps(props: unknown): string {
  return safeJson(props).replace(/'/g, "\\u0027");
}

// The server render has no connection: effects (where commands are subscribed) do not run
// on the server, and events are only emitted from handlers, which never run here either.
const ssrEmit: Emit<AnyIsland> = () => Promise.reject(new LagoonError("island_not_connected", "emit during the server render"));
const ssrOn: On<AnyIsland> = () => () => {};

export function island<C extends AnyIsland>(contract: C, opts: IslandOptions<C>): Template {
  const { id } = opts;
  const where = `island ${contract.name}#${String(id)}`;
  const mod = islandModule(contract.name);
  if (!mod) {
    throw new LagoonError(
      "unknown_island",
      `${where}: no module for ${contract.name}; put it in the app's islands folder (${contract.name}.tsx)`,
    );
  }
  if (typeof id !== "string" || !ID.test(id)) {
    throw new LagoonError("island_id", `${where}: the id must start with a letter and hold only letters, digits, _ : . -`);
  }
  const load = opts.load ?? "eager";
  if (!LOADS.includes(load)) throw new LagoonError("island_load", `${where}: load must be one of ${LOADS.join(", ")}`);
  const parsed = contract.props.safeParse(opts.props);
  if (!parsed.success) {
    throw new LagoonError("island_props", `${where}: props do not match the contract: ${describeIssues(parsed.error.issues, "(props)")}`);
  }
  const props = parsed.data;
  const json = encodeProps(props);
  return html`<div id=${id} phx-hook="Island" phx-update="ignore" data-island=${contract.name} data-load=${load} data-props='${raw(json)}'>${keep(
    `${contract.name}#${id}`,
    () => html`<div data-island-root data-ssr-props='${raw(json)}'>${raw(renderIsland(mod, props))}</div>`,
  )}</div>`;
}

function renderIsland(mod: IslandModule, props: unknown): string {
  return renderToString(islandElement(mod, { store: staticStore({ props, connected: false }), emit: ssrEmit, on: ssrOn }));
}
