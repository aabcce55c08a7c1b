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
 * The markup (what hooks/island.ts reads; data-load as load.ts writes it):
 *
 *   <div id="ID" phx-hook="Island" phx-update="ignore" data-island="Name" data-load="eager"
 *        data-props='{"count":1}'>
 *     <div data-island-root data-ssr-props='{"count":1}'>...React's HTML...</div>
 *   </div>
 *
 * An island rendered in the browser only (load "only", a `*.client.tsx` module), or whose
 * server render threw, has its fallback in a root marked `data-island-fallback` (ssr.ts).
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
import { LagoonError } from "../shell/errors.js";
import { describeIssues } from "../shell/schema.js";
import { safeJson } from "../shell/escape.js";
import { html, keep, raw, type Template } from "../shell/template.js";
import type { AnyIsland, PropsInput } from "./contract.js";
import { loadAttribute, rendersOnServer, type Load } from "./load.js";
import { isClientOnlyIsland, islandModule } from "./registry.js";
import { islandRoot, type Fallback } from "./ssr.js";

export type { Load } from "./load.js";

export interface IslandOptions<C extends AnyIsland> {
  /** The container's DOM id: unique in the page; `socket.pushCommand` addresses the island by it. */
  readonly id: string;
  readonly props: PropsInput<C>;
  /** When the browser loads and hydrates it (load.ts); default "eager". */
  readonly load?: Load;
  /** What stands in for it where it has no server HTML (client-only, or its server render threw); default the contract's. */
  readonly fallback?: Fallback;
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

export function island<C extends AnyIsland>(contract: C, opts: IslandOptions<C>): Template {
  const { id } = opts;
  const where = `island ${contract.name}#${String(id)}`;
  const mod = islandModule(contract.name);
  if (!mod && !isClientOnlyIsland(contract.name)) {
    throw new LagoonError(
      "unknown_island",
      `${where}: no module for ${contract.name}; put it in the app's islands folder (${contract.name}.tsx)`,
    );
  }
  if (typeof id !== "string" || !ID.test(id)) {
    throw new LagoonError("island_id", `${where}: the id must start with a letter and hold only letters, digits, _ : . -`);
  }
  const load = loadAttribute(where, opts.load);
  const parsed = contract.props.safeParse(opts.props);
  if (!parsed.success) {
    throw new LagoonError("island_props", `${where}: props do not match the contract: ${describeIssues(parsed.error.issues, "(props)")}`);
  }
  const props = parsed.data;
  const json = encodeProps(props);
  return html`<div id=${id} phx-hook="Island" phx-update="ignore" data-island=${contract.name} data-load=${load} data-props='${raw(json)}'>${keep(
    `${contract.name}#${id}`,
    () => islandRoot({ contract, id, mod: rendersOnServer(opts.load) ? mod : undefined, props, json, fallback: opts.fallback }),
  )}</div>`;
}
