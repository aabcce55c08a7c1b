/**
 * A binding's JS commands run in a test view's page as the official client's js.js runs
 * them: in order, each on the elements its `to` selects (default: the element whose
 * binding fired). Pushes go to the server; show, hide, toggle, classes and attributes
 * change the page (sticky across renders, see client-state.ts); transitions end at once
 * in the state they would end in (there is no clock here); focus moves; dispatches are
 * recorded; navigate and patch go where the client would send them. Not modelled: loading
 * classes and page-loading events of a push, and the phx-remove, phx-connected and
 * phx-disconnected bindings (no element is removed with a transition, the connection
 * does not drop).
 */
import type { HTMLElement } from "node-html-parser";
import { classesOf, isVisible, type ClientState } from "./client-state.js";

type Args = Record<string, any>;
type Classes = [run: string[], start: string[], end: string[]];

/** What a push command carries to the code that builds the payload for its event type. */
export interface PushArgs {
  readonly event: string;
  readonly value?: Record<string, unknown>;
}

/** Sends one push from `source` to component `cid` (undefined: the view). */
export type Pusher = (source: HTMLElement, args: PushArgs, cid: number | undefined) => Promise<unknown>;

/** What commands need of the test view. */
export interface CommandHost {
  dom(): HTMLElement;
  readonly client: ClientState;
  /** JS.navigate: the view leaves for `href` (follow() mounts it). */
  navigate(href: string, replace: boolean): void;
  /** JS.patch: a live_patch of this view. */
  patch(href: string): Promise<unknown>;
}

/** The commands of a binding's value: a JSON list, or an event name (a push). */
export function commandsOf(encoded: string): [string, Args][] {
  if (!encoded.startsWith("[")) return [["push", { event: encoded }]];
  const parsed: unknown = JSON.parse(encoded);
  if (!Array.isArray(parsed)) throw new Error(`not a JS command list: ${encoded}`);
  return parsed as [string, Args][];
}

function closestCid(el: HTMLElement | null): number | undefined {
  for (let node: HTMLElement | null = el; node; node = node.parentNode as HTMLElement | null) {
    const cid = node.getAttribute?.("data-phx-component");
    if (cid !== undefined && cid !== null) return Number(cid);
  }
  return undefined;
}

/** The cids a push goes to, as the client's withinTargets finds them: a cid, the elements a selector matches, or the view. */
function pushTargets(host: CommandHost, source: HTMLElement, args: Args): (number | undefined)[] {
  const target: unknown = args.target ?? source.getAttribute("phx-target");
  if (target === undefined || target === null || target === "") return [undefined];
  if (typeof target === "number" || /^\d+$/.test(String(target))) return [Number(target)];
  const found = host.dom().querySelectorAll(String(target));
  if (found.length === 0) throw new Error(`nothing found matching the phx-target selector "${String(target)}"`);
  return found.map((el) => closestCid(el));
}

function elementsFor(host: CommandHost, source: HTMLElement, to: unknown): HTMLElement[] {
  if (to === undefined || to === null) return [source];
  if (typeof to === "string") return host.dom().querySelectorAll(to);
  const t = to as { closest?: string; inner?: string };
  if (t.closest) {
    const el = source.closest(t.closest);
    return el ? [el] : [];
  }
  if (t.inner) return source.querySelectorAll(t.inner);
  return [];
}

function defaultDisplay(el: HTMLElement): string {
  return ({ TR: "table-row", TD: "table-cell" } as Record<string, string>)[el.tagName] ?? "block";
}

class Run {
  readonly pending: Promise<unknown>[] = [];

  constructor(
    readonly host: CommandHost,
    readonly eventType: string | null,
    readonly push: Pusher,
  ) {}

  get client(): ClientState {
    return this.host.client;
  }

  exec(source: HTMLElement, encoded: string): void {
    for (const [kind, args] of commandsOf(encoded)) {
      for (const el of elementsFor(this.host, source, args.to)) this.op(kind, args, source, el);
    }
  }

  op(kind: string, args: Args, source: HTMLElement, el: HTMLElement): void {
    switch (kind) {
      case "push":
        for (const cid of pushTargets(this.host, source, args))
          this.pending.push(this.push(source, { event: args.event, value: args.value }, cid));
        return;
      case "show":
        if (!isVisible(el)) this.toggle(el, args.display, args.transition, null);
        return;
      case "hide":
        if (isVisible(el)) this.toggle(el, args.display, null, args.transition);
        return;
      case "toggle":
        this.toggle(el, args.display, args.ins, args.outs);
        return;
      case "add_class":
        return this.classes(el, args.names, [], args.transition);
      case "remove_class":
        return this.classes(el, [], args.names, args.transition);
      case "toggle_class": {
        const [prevAdds, prevRemoves] = this.client.stickyClasses(el);
        const has = classesOf(el);
        const names: string[] = args.names;
        this.classes(
          el,
          names.filter((n) => !prevAdds.includes(n) && !has.includes(n)),
          names.filter((n) => !prevRemoves.includes(n) && has.includes(n)),
          args.transition,
        );
        return;
      }
      case "transition":
        return this.classes(el, [], [], args.transition);
      case "set_attr":
        return this.client.attrs(el, [[args.attr[0], args.attr[1]]], []);
      case "remove_attr":
        return this.client.attrs(el, [], [args.attr]);
      case "toggle_attr": {
        const [attr, on, off] = args.attr as [string, string, string | undefined];
        if (!el.hasAttribute(attr)) this.client.attrs(el, [[attr, on]], []);
        else if (off === undefined) this.client.attrs(el, [], [attr]);
        else this.client.attrs(el, [[attr, el.getAttribute(attr) === on ? off : on]], []);
        return;
      }
      case "ignore_attrs":
        return this.client.ignoreAttrs(el, args.attrs);
      case "dispatch":
        this.client.dispatched.push({ event: args.event, target: el, detail: { ...args.detail }, bubbles: args.bubbles !== false });
        return;
      case "focus":
        this.client.focus(el);
        return;
      case "focus_first":
        return this.client.focusFirst(el);
      case "push_focus":
        return this.client.pushFocus(el);
      case "pop_focus":
        return this.client.popFocus(this.host.dom());
      case "navigate":
        return this.host.navigate(args.href, !!args.replace);
      case "patch":
        this.pending.push(this.host.patch(args.href));
        return;
      case "exec": {
        const encoded = el.getAttribute(args.attr);
        if (!encoded) throw new Error(`expected ${args.attr} to contain JS command on "${JSON.stringify(args.to)}"`);
        // the element holding the commands is their source
        return this.exec(el, encoded);
      }
      default:
        throw new Error(`unknown JS command "${kind}"`);
    }
  }

  /** js.js toggle, its animation frames and timers run back to back. */
  toggle(el: HTMLElement, display: string | undefined, ins: Classes | null, outs: Classes | null): void {
    const [inRun, inStart, inEnd] = ins ?? [[], [], []];
    const [outRun, outStart, outEnd] = outs ?? [[], [], []];
    const animated = inRun.length > 0 || outRun.length > 0;
    if (isVisible(el)) {
      if (animated) {
        this.client.classes(el, outStart, [...inRun, ...inStart, ...inEnd]);
        this.client.classes(el, outRun, []);
        this.client.classes(el, outEnd, outStart);
        this.client.classes(el, [], [...outRun, ...outEnd]);
      }
      this.client.display(el, "none");
    } else {
      if (this.eventType === "remove") return;
      if (animated) {
        this.client.classes(el, inStart, [...outRun, ...outStart, ...outEnd]);
        this.client.classes(el, inRun, []);
      }
      this.client.display(el, display || defaultDisplay(el));
      if (animated) {
        this.client.classes(el, inEnd, inStart);
        this.client.classes(el, [], [...inRun, ...inEnd]);
      }
    }
  }

  /** js.js addOrRemoveClasses: with a transition, its start, run and end classes come and go, and the end classes stay. */
  classes(el: HTMLElement, adds: string[], removes: string[], transition?: Classes): void {
    const [run, start, end] = transition ?? [[], [], []];
    if (run.length > 0) {
      this.client.classes(el, start, [...run, ...end]);
      this.client.classes(el, run, []);
      this.client.classes(el, end, start);
      this.client.classes(el, [...adds, ...end], [...removes, ...run, ...start]);
      return;
    }
    this.client.classes(el, adds, removes);
  }
}

/**
 * Runs `encoded` (a binding's value) with `source` as the element whose binding fired.
 * Page changes happen before this returns; the promise settles when the pushes and
 * patches it sent are answered (rejecting with the first refusal).
 */
export function execJS(host: CommandHost, source: HTMLElement, encoded: string, eventType: string | null, push: Pusher): Promise<void> {
  const run = new Run(host, eventType, push);
  run.exec(source, encoded);
  return Promise.all(run.pending).then(() => undefined);
}
