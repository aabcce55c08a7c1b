/**
 * What a socket asks of its view process, answered by the process (socket.ts declares the
 * interface). One link per socket: the view's and each live component's.
 *
 * A class, not an object of closures: a view holds one link per socket for its whole life,
 * and under tsx (esbuild's keepNames) every named arrow function carries its own property
 * dictionary.
 */
import { cancelTask, startTask } from "./async.js";
import { update } from "./component-tree.js";
import type { ViewProcessCore } from "./internal.js";
import type { ViewHandle } from "./pubsub.js";
import type { ProcessLink, SocketBase } from "./socket.js";
import type { Assigns, ComponentDef, ConnectInfo, LifecycleHooks, LifecycleStage } from "./types.js";
import type { NavigationKind } from "./urls.js";
import type { ViewUploads } from "./uploads.js";

export class SocketLink implements ProcessLink {
  readonly #proc: ViewProcessCore;

  constructor(proc: ViewProcessCore) {
    this.#proc = proc;
  }

  get connected(): boolean {
    return this.#proc.connected;
  }

  get handle(): ViewHandle {
    return this.#proc.handle;
  }

  get url(): URL {
    return this.#proc.url;
  }

  get liveAction(): string | undefined {
    return this.#proc.route.action;
  }

  get parent(): ViewHandle | undefined {
    return this.#proc.nested?.parent;
  }

  get parentAssigns(): Readonly<Assigns> | undefined {
    return this.#proc.parentAssigns;
  }

  get connectParams(): Readonly<Record<string, unknown>> | undefined {
    return this.#proc.connect?.params;
  }

  get connectInfo(): ConnectInfo | undefined {
    return this.#proc.connect?.info;
  }

  get staticChanged(): boolean {
    return this.#proc.connect?.staticChanged ?? false;
  }

  putFlash(kind: string, message: string): void {
    this.#proc.flash.put(kind, message);
  }

  clearFlash(kind?: string): void {
    this.#proc.flash.clear(kind);
  }

  pushEvent(name: string, payload: unknown): void {
    (this.#proc.events ??= []).push([name, payload]);
  }

  navigate(kind: NavigationKind, to: string, replace: boolean): void {
    this.#proc.nav = { kind, to, replace };
  }

  subscribe(topic: string): void {
    this.#proc.subscribe(topic);
  }

  unsubscribe(topic: string): void {
    this.#proc.unsubscribe(topic);
  }

  onEnd(fn: () => void): void {
    this.#proc.onEnd(fn);
  }

  broadcast(topic: string, message: unknown, from: boolean): void {
    this.#proc.services.pubsub.broadcast(topic, message, from ? this.#proc.handle : undefined);
  }

  sendUpdate(def: ComponentDef<any>, id: string, assigns: Assigns): void {
    const proc = this.#proc;
    if (!proc.alive) return;
    void proc.enqueue(null, "info", async () => {
      const entry = proc.existingComponents()?.find(def, String(id));
      if (!entry) return;
      update(entry, assigns);
      proc.components().touch(entry);
      await proc.finish(null, undefined);
    });
  }

  startAsync(owner: SocketBase<any>, name: string, fn: (signal: AbortSignal) => Promise<unknown>): void {
    startTask(this.#proc, owner, name, fn);
  }

  cancelAsync(owner: SocketBase<any>, name: string, reason?: unknown): void {
    cancelTask(this.#proc, owner, name, reason);
  }

  streamRef(): string {
    return this.#proc.nextStreamRef();
  }

  sendParent(message: unknown): void {
    this.#proc.handle.send(message);
  }

  attachHook(name: string, stage: LifecycleStage, fn: LifecycleHooks<any>[LifecycleStage]): void {
    this.#proc.lifecycle().attach(name, stage, fn, this.#proc.routed);
  }

  detachHook(name: string, stage: LifecycleStage): void {
    this.#proc.existingLifecycle()?.detach(name, stage);
  }

  uploads(): ViewUploads {
    return this.#proc.uploads();
  }
}
