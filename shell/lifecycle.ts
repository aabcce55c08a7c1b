/**
 * Lifecycle hooks (Phoenix's attach_hook): functions a view, or more often a live session's
 * onMount, attaches to a stage of the view's life, so cross-cutting concerns (the active
 * nav item, per-event authorization, analytics) are written once. Hooks of a stage run in
 * the order attached, before the view's own callback; one that halts stops the rest and the
 * view's callback.
 */
import { LagoonError } from "./errors.js";
import type { HookResult, LifecycleHooks, LifecycleStage } from "./types.js";

const STAGES: readonly LifecycleStage[] = ["handleParams", "handleEvent", "handleInfo", "afterRender"];

/** What running a stage's hooks decided. */
export interface HookOutcome {
  readonly halted: boolean;
  /** The hook that halted. */
  readonly by?: string;
  /** The reply a halting handleEvent hook gave (`{ reply }`): the event's reply, whatever bound it. */
  readonly reply?: unknown;
}

const CONTINUE: HookOutcome = { halted: false };

type AnyHook = (...args: any[]) => HookResult | Promise<HookResult>;

export class Lifecycle {
  readonly #stages = new Map<LifecycleStage, { name: string; fn: AnyHook }[]>();

  attach<S, St extends LifecycleStage>(name: string, stage: St, fn: LifecycleHooks<S>[St], routed: boolean): void {
    if (!STAGES.includes(stage)) {
      throw new LagoonError("bad_hook", `attachHook: unknown stage "${String(stage)}"; expected one of ${STAGES.join(", ")}`);
    }
    if (typeof fn !== "function") throw new LagoonError("bad_hook", `attachHook("${name}"): the hook must be a function`);
    if (stage === "handleParams" && !routed) {
      throw new LagoonError("bad_hook", `attachHook("${name}", "handleParams"): a nested view has no URL and never runs handleParams`);
    }
    const hooks = this.#stages.get(stage) ?? [];
    if (hooks.some((h) => h.name === name)) throw new LagoonError("hook_exists", `a hook named "${name}" is already attached to ${stage}`);
    this.#stages.set(stage, [...hooks, { name, fn: fn as AnyHook }]);
  }

  detach(name: string, stage: LifecycleStage): void {
    const hooks = this.#stages.get(stage);
    if (hooks)
      this.#stages.set(
        stage,
        hooks.filter((h) => h.name !== name),
      );
  }

  has(stage: LifecycleStage): boolean {
    return (this.#stages.get(stage)?.length ?? 0) > 0;
  }

  /**
   * Runs the stage's hooks with `args`. A snapshot of the list runs, so a hook that detaches
   * itself (or attaches another) changes the next run, not this one.
   */
  async run(stage: Exclude<LifecycleStage, "afterRender">, args: unknown[]): Promise<HookOutcome> {
    for (const { name, fn } of this.#stages.get(stage) ?? []) {
      const result = await fn(...args);
      if (result === undefined || result === "cont") continue;
      if (result === "halt") return { halted: true, by: name };
      if (typeof result === "object" && result !== null && "reply" in result) return { halted: true, by: name, reply: result.reply };
      throw new LagoonError("bad_hook", `${stage} hook "${name}" returned ${String(result)}; return "cont", "halt" or { reply }`);
    }
    return CONTINUE;
  }

  /** After a render: these hooks cannot halt; what they assign renders next time. */
  afterRender(socket: unknown): void {
    for (const { fn } of this.#stages.get("afterRender") ?? []) void fn(socket);
  }
}
