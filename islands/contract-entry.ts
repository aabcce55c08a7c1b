/**
 * `lagoon/islands/contract`: what island contracts and components import. Browser-safe
 * and tiny (zod and React aside): an island's chunk loads it, never the server-side helpers.
 * Live navigation for components (`Link`, `useNavigation`) is here too.
 */
export {
  defineIsland,
  islandContract,
  type IslandContract,
  type IslandSchema,
  type SampleReplies,
  type AnyIsland,
  type IslandProps,
  type IslandComponent,
  type PropsOf,
  type PropsInput,
  type EventName,
  type EventInput,
  type EventPayload,
  type EventReply,
  type ReplyInput,
  type CommandName,
  type CommandPayload,
  type Emit,
  type On,
  type StreamName,
  type StreamItem,
  type SlotName,
} from "./contract.js";
export { useStream } from "./host.js";
export type { WireValue } from "./wire-values.js";
export { Link, useNavigation, type LinkProps, type Href, type NavigateOptions, type Navigation } from "./navigation.js";
