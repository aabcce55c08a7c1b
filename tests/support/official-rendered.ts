/**
 * The official client's diff merger (phoenix_live_view's rendered.js, the pinned 1.2.12),
 * run in Node: vitest.config.ts sends its sources through Vite, which resolves their
 * extensionless TypeScript imports. Tests apply Lagoon's diffs with it and compare the HTML.
 */
// @ts-expect-error the client ships this module without type declarations
import Rendered from "../../node_modules/phoenix_live_view/assets/js/phoenix_live_view/rendered.js";

type Tree = Record<string, unknown>;

interface RenderedInstance {
  mergeDiff(diff: Tree): void;
  toString(): { buffer: string };
}

/**
 * The client clones with `structuredClone` when `window` has it (utils.ts deepClone), as
 * every browser the client supports does; Node has no `window`, so the same function is
 * called directly.
 */
class NodeRendered extends (Rendered as new (viewId: string, rendered: Tree) => RenderedInstance) {
  clone(diff: unknown): unknown {
    return structuredClone(diff);
  }
}

/** A rendered tree as the browser holds it: the join's rendered, then each diff merged in. */
export class OfficialTree {
  readonly #rendered: RenderedInstance;

  /** `rendered` as it arrives: JSON, which the client adopts and mutates. */
  constructor(viewId: string, rendered: Tree) {
    this.#rendered = new NodeRendered(viewId, wire(rendered));
  }

  merge(diff: Tree): void {
    this.#rendered.mergeDiff(wire(diff));
  }

  html(): string {
    return this.#rendered.toString().buffer;
  }
}

/** What crosses the socket: a copy, so the client's mutations never reach the server's objects. */
function wire(value: Tree): Tree {
  return JSON.parse(JSON.stringify(value)) as Tree;
}
