/**
 * Client events (`event` pushes: clicks, keys, focus, forms, hooks), from the untrusted
 * payload to the handler: the target (the view, or a live component by cid), the value
 * decoded by binding type, the handler by name, its params schema.
 *
 * A refused event (no such event or component, params failing the schema, an
 * EventRejected from the handler, a payload that is no event) is answered `ok` all the
 * same, with `{ error: { reason, message } }` as the reply: the official client releases
 * the element the user touched only on an ok reply, and a hook's or island's pushEvent
 * resolves with that reply. A refused form event also pushes `lagoon:form-refused`, so the
 * browser bundle can put back what the user typed (hooks/form-memory.ts).
 */
import type { ComponentEntry } from "./component-tree.js";
import { EventParamsError, EventRejected } from "./errors.js";
import type { ViewProcessCore } from "./internal.js";
import type { Lifecycle } from "./lifecycle.js";
import { decodeEventValue } from "./params.js";
import { SocketBase } from "./socket.js";
import type { EventSpec } from "./types.js";
import { putEventUploads } from "./upload-events.js";

/** The push event answering a refused form event, `{ event, target }`. */
export const FORM_REFUSED = "lagoon:form-refused";

/** What a refused event's reply carries. */
export interface Refusal {
  readonly reason: string;
  readonly message: string;
  readonly issues?: readonly { path: string[]; message: string }[];
}

interface EventPayload {
  type?: unknown;
  event?: unknown;
  value?: unknown;
  cid?: unknown;
  meta?: unknown;
  uploads?: unknown;
}

/**
 * Handles one `event` push inside the view's mailbox: synchronously when its handler
 * returns at once (the mailbox then needs no promise), else a promise of its end.
 */
export function dispatchEvent(proc: ViewProcessCore, payload: unknown, ref: string): void | Promise<void> {
  const p = payload as EventPayload | null;
  // type null: a push from JS the client runs outside a DOM event (phx-mounted, phx-connected, execJS)
  if (typeof p !== "object" || p === null || typeof p.event !== "string" || (typeof p.type !== "string" && p.type !== null)) {
    return refuse(proc, ref, undefined, { reason: "bad_event", message: "event payload needs a string event and a string or null type" });
  }
  const name = p.event;
  const form = p.type === "form" ? { event: name.slice(0, 256), target: formTarget(p.meta) } : undefined;
  let target: ComponentEntry | undefined;
  if (p.cid !== undefined) {
    target = typeof p.cid === "number" ? proc.existingComponents()?.get(p.cid) : undefined;
    if (!target) return refuse(proc, ref, form, { reason: "unknown_component", message: `no component ${String(p.cid).slice(0, 32)}` });
  }
  const params = decodeEventValue(p.type ?? "", p.value, p.meta);
  if (params === undefined) return refuse(proc, ref, form, { reason: "bad_event", message: "unreadable event value" });
  // the files a form change declares are validated before its handler runs
  if (p.uploads !== undefined) putEventUploads(proc, p.uploads, target ? target.socket : proc.socket);

  if (name === "lv:clear-flash") {
    proc.span.event = name;
    const key = params.key;
    proc.flash.clear(typeof key === "string" ? key : undefined);
    return proc.finish(ref, undefined);
  }
  const event: Dispatch = { proc, ref, form, target, name, params };
  // the view's hooks see every event for it, known to the view or not (a layout's, say)
  const hooks = target ? undefined : proc.existingLifecycle();
  if (hooks?.has("handleEvent")) return throughHooks(event, hooks);
  return handle(event);
}

/** An event on its way to its handler. */
interface Dispatch {
  readonly proc: ViewProcessCore;
  readonly ref: string;
  readonly form: { event: string; target?: string } | undefined;
  readonly target: ComponentEntry | undefined;
  readonly name: string;
  readonly params: Record<string, unknown>;
}

async function throughHooks(event: Dispatch, hooks: Lifecycle): Promise<void> {
  const { proc, ref, name, params } = event;
  let outcome: Awaited<ReturnType<Lifecycle["run"]>>;
  try {
    outcome = await hooks.run("handleEvent", [name, params, proc.socket]);
  } catch (error) {
    return rejected(event, error);
  }
  if (!outcome.halted) return handle(event);
  // telemetry labels are never names the client made up: the view's own, or the hook's
  const known = proc.route.view.events && Object.hasOwn(proc.route.view.events, name);
  proc.span.event = known ? name : `hook:${outcome.by}`;
  // Phoenix's {:halt, reply, socket}: the reply goes back whatever bound the event, as a handler's
  return proc.finish(ref, outcome.reply);
}

/** Runs the event's handler (with its params schema), then renders and replies. */
function handle(event: Dispatch): void | Promise<void> {
  const { proc, ref, form, target, name, params } = event;
  const events = (target ? target.def.events : proc.route.view.events) as Record<string, EventSpec<any>> | undefined;
  const spec = events && Object.hasOwn(events, name) ? events[name] : undefined;
  if (!spec) {
    const owner = target ? `component ${target.def.name ?? target.cid}` : proc.name;
    return refuse(proc, ref, form, { reason: "unknown_event", message: `${owner} has no event "${name.slice(0, 64)}"` });
  }
  proc.span.event = name;
  const socket = target ? target.socket : proc.socket;
  let result: unknown;
  let refusal: Refusal | undefined;
  try {
    if (typeof spec === "function") {
      result = spec(params, socket);
    } else {
      const parsed = spec.params.safeParse(params);
      if (parsed.success) result = spec.handle(parsed.data, socket);
      else {
        const err = new EventParamsError(proc.name, name, parsed.error.issues);
        refusal = {
          reason: err.code,
          message: err.message,
          issues: err.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        };
      }
    }
  } catch (error) {
    return rejected(event, error);
  }
  if (refusal) return refuse(proc, ref, form, refusal);
  if (thenable(result)) {
    return Promise.resolve(result).then(
      (value) => handled(event, value),
      (error: unknown) => rejected(event, error),
    );
  }
  return handled(event, result);
}

function handled(event: Dispatch, result: unknown): void | Promise<void> {
  if (event.target) event.proc.components().touch(event.target);
  // a value returned is the reply, whatever bound the event (as Phoenix's {:reply, map, socket}:
  // a hook's pushEvent and JS.push callbacks read it); a returned socket (a chained call) is not one
  return event.proc.finish(event.ref, result instanceof SocketBase ? undefined : result);
}

/** An EventRejected from the handler (or a hook) refuses the event; anything else crashes the view. */
function rejected(event: Dispatch, error: unknown): void | Promise<void> {
  if (!(error instanceof EventRejected)) throw error;
  if (event.target) event.proc.components().touch(event.target);
  return refuse(event.proc, event.ref, event.form, { reason: error.code, message: error.message });
}

/** Awaited only when it must be: a handler that returns at once has its reply sent in the same turn (mailbox.ts). */
function thenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

/** Answers a refused event: ok, with the refusal as the reply, plus whatever the handler changed before it refused. */
function refuse(
  proc: ViewProcessCore,
  ref: string,
  form: { event: string; target?: string } | undefined,
  refusal: Refusal,
): void | Promise<void> {
  proc.span.refused = refusal.reason;
  if (form) (proc.events ??= []).push([FORM_REFUSED, form]);
  return proc.finish(ref, { error: refusal });
}

function formTarget(meta: unknown): string | undefined {
  const target = (meta as { _target?: unknown } | null)?._target;
  return typeof target === "string" ? target.slice(0, 256) : undefined;
}
