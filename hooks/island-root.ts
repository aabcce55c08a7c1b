/**
 * The React side of the island hook, loaded with the first island on a page (so React is
 * never part of the main bundle). It hydrates the server-rendered children, re-renders on
 * new props, delivers commands, and checks everything crossing the boundary against the
 * contract: props and commands from the server, payloads before they are sent, replies.
 */
import { createRoot, hydrateRoot, type Root } from "react-dom/client";
import {
  eventName,
  payloadSchema,
  replySchema,
  type AnyIsland,
  type CommandValue,
  type Emit,
  type IslandModule,
  type On,
} from "../islands/contract.js";
import { islandElement, type IslandSnapshot, type IslandStore } from "../islands/host.js";

/** What the hook lends the island: pushing an event to the view (or the enclosing component). */
export interface IslandIO {
  push(event: string, value: unknown): Promise<unknown>;
}

export interface MountedIsland {
  /** The container's data-props changed. */
  update(): void;
  setConnected(connected: boolean): void;
  command(value: unknown): void;
  unmount(): void;
}

/** A refused emit, a bad reply, or props/commands that do not match the contract. */
class IslandError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly issues: readonly unknown[] = [],
  ) {
    super(message);
    this.name = "IslandError";
  }
}

// Commands may arrive before the component subscribes (its effects run after the first
// render): they wait, a bounded number per command, for the first handler.
const MAX_QUEUED = 50;

function describe(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join(".") || "(value)"}: ${i.message}`).join("; ");
}

export function mountIsland(el: HTMLElement, mod: IslandModule, io: IslandIO, connected: boolean): MountedIsland {
  const contract: AnyIsland = mod.contract;
  const where = `island ${contract.name}#${el.id}`;

  const parseProps = (json: string | null | undefined): { ok: true; props: unknown } | { ok: false } => {
    let raw: unknown;
    try {
      raw = JSON.parse(json ?? "");
    } catch {
      console.error(`[lagoon] ${where}: unreadable props`);
      return { ok: false };
    }
    const parsed = contract.props.safeParse(raw);
    if (!parsed.success) {
      console.error(`[lagoon] ${where}: props do not match the contract: ${describe(parsed.error.issues)}`);
      return { ok: false };
    }
    return { ok: true, props: parsed.data };
  };

  let root = el.querySelector<HTMLElement>(":scope > [data-island-root]");
  if (!root) {
    root = document.createElement("div");
    root.setAttribute("data-island-root", "");
    el.append(root);
  }
  const initial = parseProps(el.dataset.props);
  if (!initial.ok) throw new IslandError(`${where}: not mounted, its props are unusable`, "invalid_props");
  let snapshot: IslandSnapshot = { props: initial.props, connected };
  const ssr = root.hasAttribute("data-ssr-props") && root.hasChildNodes() ? parseProps(root.getAttribute("data-ssr-props")) : undefined;
  const server: IslandSnapshot = ssr?.ok ? { props: ssr.props, connected: false } : snapshot;
  const listeners = new Set<() => void>();
  const store: IslandStore = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => snapshot,
    getServer: () => server,
  };
  const publish = (next: IslandSnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  const emit = (async (event: string, payload: unknown): Promise<unknown> => {
    const spec = Object.prototype.hasOwnProperty.call(contract.events, event) ? contract.events[event] : undefined;
    if (!spec) throw new IslandError(`${where}: the contract has no event "${event}"`, "unknown_event");
    const parsed = payloadSchema(spec).safeParse(payload);
    if (!parsed.success) {
      throw new IslandError(`${where}: invalid ${event} payload: ${describe(parsed.error.issues)}`, "invalid_params", parsed.error.issues);
    }
    let reply: unknown;
    try {
      reply = await io.push(eventName(contract, event), { id: el.id, payload: parsed.data });
    } catch (error) {
      throw failed(where, event, error);
    }
    // the server answers a refused event ok, with the refusal as the reply
    const refusal = (reply as { error?: { reason?: unknown; message?: unknown; issues?: unknown } } | null)?.error;
    if (typeof refusal === "object" && refusal !== null && typeof refusal.reason === "string") {
      const message = typeof refusal.message === "string" ? refusal.message : refusal.reason;
      throw new IslandError(`${where}: ${event} refused: ${message}`, refusal.reason, Array.isArray(refusal.issues) ? refusal.issues : []);
    }
    const schema = replySchema(spec);
    if (!schema) return undefined;
    const checked = schema.safeParse(reply);
    if (!checked.success) throw new IslandError(`${where}: invalid ${event} reply: ${describe(checked.error.issues)}`, "invalid_reply");
    return checked.data;
  }) as Emit<AnyIsland>;

  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const queued = new Map<string, unknown[]>();
  const on: On<AnyIsland> = (command: string, handler: (payload: any) => void) => {
    let set = handlers.get(command);
    if (!set) handlers.set(command, (set = new Set()));
    set.add(handler);
    const waiting = queued.get(command);
    if (waiting) {
      queued.delete(command);
      for (const payload of waiting) handler(payload);
    }
    return () => {
      set.delete(handler);
    };
  };

  const element = islandElement(mod, { store, emit, on });
  let reactRoot: Root;
  if (ssr?.ok) {
    reactRoot = hydrateRoot(root, element);
  } else {
    // nothing (usable) from the server: render from scratch
    root.replaceChildren();
    reactRoot = createRoot(root);
    reactRoot.render(element);
  }
  root.removeAttribute("data-ssr-props");

  return {
    update() {
      const next = parseProps(el.dataset.props);
      if (next.ok) publish({ ...snapshot, props: next.props });
    },
    setConnected(value) {
      if (value !== snapshot.connected) publish({ ...snapshot, connected: value });
    },
    command(value) {
      const { island, command, payload } = (value ?? {}) as Partial<CommandValue>;
      const schema =
        typeof command === "string" && Object.prototype.hasOwnProperty.call(contract.commands, command)
          ? contract.commands[command]
          : undefined;
      if (island !== contract.name || !schema || command === undefined) {
        console.error(`[lagoon] ${where}: unknown command ${String(island)}.${String(command)}`);
        return;
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        console.error(`[lagoon] ${where}: invalid ${command} command: ${describe(parsed.error.issues)}`);
        return;
      }
      const set = handlers.get(command);
      if (set && set.size) {
        for (const handler of [...set]) handler(parsed.data);
      } else {
        const waiting = queued.get(command) ?? [];
        if (waiting.length < MAX_QUEUED) waiting.push(parsed.data);
        queued.set(command, waiting);
      }
    },
    unmount() {
      reactRoot.unmount();
      listeners.clear();
      handlers.clear();
      queued.clear();
    },
  };
}

/** The push itself failed (not connected, a timeout): the client's message, as it is. */
function failed(where: string, event: string, error: unknown): IslandError {
  const text = error instanceof Error ? error.message : String(error);
  return new IslandError(`${where}: ${event} failed: ${text}`, "push_failed");
}
