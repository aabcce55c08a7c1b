/**
 * The values the runtime places in templates for the diff engine to resolve: a live
 * component (components.ts), a nested live view (nested.ts) and a stream's render
 * (streams.ts). Markers only; diff.ts gives them their meaning.
 */
export const COMPONENT_REF = Symbol.for("lagoon.componentRef");
export const STREAM_RENDER = Symbol.for("lagoon.streamRender");
export const NESTED_REF = Symbol.for("lagoon.nestedRef");

/** A live component placed in a template; the runtime turns it into a cid. */
export interface ComponentRefValue {
  readonly [COMPONENT_REF]: true;
}

/** A nested live view placed in a template (shell/nested.ts); the runtime renders its container. */
export interface NestedRefValue {
  readonly [NESTED_REF]: true;
}

/** One insert of a stream render: the item's template plus where it goes. */
export interface StreamInsert {
  readonly domId: string;
  readonly at: number;
  readonly limit: number | null;
  readonly updateOnly: boolean;
  readonly item: unknown;
}

/** What a stream contributes to one render: pending inserts and deletes, then forgotten. */
export interface StreamRenderValue {
  readonly [STREAM_RENDER]: true;
  /** The stream's name, for errors. */
  readonly name: string;
  readonly ref: string;
  readonly inserts: readonly StreamInsert[];
  readonly deletes: readonly string[];
  readonly reset: boolean;
}

export function isComponentRef(value: unknown): value is ComponentRefValue {
  return typeof value === "object" && value !== null && (value as ComponentRefValue)[COMPONENT_REF] === true;
}

export function isNestedRef(value: unknown): value is NestedRefValue {
  return typeof value === "object" && value !== null && (value as NestedRefValue)[NESTED_REF] === true;
}

export function isStreamRender(value: unknown): value is StreamRenderValue {
  return typeof value === "object" && value !== null && (value as StreamRenderValue)[STREAM_RENDER] === true;
}
