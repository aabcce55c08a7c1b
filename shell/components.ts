import { COMPONENT_REF, type ComponentRefValue } from "./diff.js";
import { BaseSocket, type Assigns } from "./socket.js";
import type { AsyncOutcome, EventSpec } from "./view.js";
import type { Template } from "./template.js";

/** The socket of a live component: its own assigns; `send` goes to the parent view's `info`. */
export class ComponentSocket<A extends Assigns = Assigns> extends BaseSocket<A> {
  /** @internal */ readonly __cid: number;
  /** @internal */ readonly __sendParent: (message: unknown) => void;

  constructor(link: BaseSocket<any>["__link"], cid: number, sendParent: (message: unknown) => void) {
    super(link, {} as A);
    this.__cid = cid;
    this.__sendParent = sendParent;
  }

  /** The component's target: render it as `phx-target=${myself}` so events come here. */
  get myself(): number {
    return this.__cid;
  }

  /** Sends a message to the parent view's `info` handler. */
  send(message: unknown): this {
    this.__sendParent(message);
    return this;
  }
}

/**
 * What a component's render gets: its own assigns and `myself`. The flash is the view's
 * (render it in the view or layout); pass a component what it needs as assigns.
 */
export type ComponentRenderAssigns<A extends Assigns> = A & { readonly myself: number };

export interface ComponentDef<A extends Assigns = Assigns> {
  readonly name?: string;
  /** Once, when the component first appears. */
  mount?(socket: ComponentSocket<A>): void | Promise<void>;
  /** Each time the parent renders it with new assigns; the default assigns them all. */
  update?(assigns: Partial<A>, socket: ComponentSocket<A>): void | Promise<void>;
  readonly events?: Record<string, EventSpec<ComponentSocket<A>>>;
  handleAsync?(name: string, outcome: AsyncOutcome, socket: ComponentSocket<A>): void | Promise<void>;
  /** Must render exactly one root element. */
  render(assigns: ComponentRenderAssigns<A>): Template;
}

export function defineComponent<A extends Assigns = Assigns>(def: ComponentDef<A>): ComponentDef<A> {
  return def;
}

export interface ComponentRef<A extends Assigns = Assigns> extends ComponentRefValue {
  readonly def: ComponentDef<A>;
  readonly id: string;
  readonly assigns: Partial<A>;
}

/** Places a live component in a template; `id` identifies it among its siblings of the same kind. */
export function component<A extends Assigns>(def: ComponentDef<A>, assigns: Partial<A> & { id: string | number }): ComponentRef<A> {
  const { id, ...rest } = assigns;
  if (id === undefined || id === null || id === "") throw new TypeError("component() needs an id");
  return { [COMPONENT_REF]: true, def, id: String(id), assigns: rest as unknown as Partial<A> };
}
