/**
 * Where test views run: one environment per router (its PubSub, tokens that never leave the
 * process, the view services), and the open connections whose mailboxes each action lets
 * run dry.
 */
import type { LiveConnection } from "../connection.js";
import type { ViewServices } from "../internal.js";
import { MemoryPubSub, type PubSub } from "../pubsub.js";
import { Router, type LiveRoute } from "../router.js";
import type { Tokens, ViewToken } from "../tokens.js";
import type { ConnectInfo, Flash, Session } from "../types.js";
import type { UploadStore } from "../upload-types.js";

/** What a test visit starts with: the session, flash and PubSub, and what the browser connects with. */
export interface VisitOptions {
  /** The cookie session the view sees (e.g. `{ userId: 1 }`). */
  session?: Session;
  /** Share one PubSub between test views to test broadcasts (views of one router share one by default). */
  pubsub?: PubSub;
  /** Flash handed to the mount (as after a redirect). */
  flash?: Flash;
  /** Origin for URLs; default http://localhost. */
  origin?: string;
  /** The params the browser bundle connects with (`socket.connectParams`), e.g. `{ timezone: "Europe/Paris" }`. */
  connectParams?: Record<string, unknown>;
  /** The connection's peer address, user agent and x-* headers (`socket.connectInfo`). */
  connectInfo?: Partial<ConnectInfo>;
  /** The page's tracked assets are not the running build's (`socket.staticChanged`). */
  staticChanged?: boolean;
  /** Where uploads' temporary files go (default: a directory of the OS temporary directory). */
  uploads?: UploadStore;
}

/** Tokens that never leave the process: signing is a lookup. */
export class TestTokens implements Tokens {
  readonly #views = new Map<string, ViewToken>();
  readonly #flashes = new Map<string, Flash>();
  #next = 0;

  signView(token: ViewToken): string {
    const key = `view-${++this.#next}`;
    this.#views.set(key, token);
    return key;
  }

  verifyView(token: unknown): ViewToken | null {
    return typeof token === "string" ? (this.#views.get(token) ?? null) : null;
  }

  signFlash(flash: Flash): string {
    const key = `flash-${++this.#next}`;
    this.#flashes.set(key, flash);
    return key;
  }

  verifyFlash(token: unknown): Flash {
    return typeof token === "string" ? (this.#flashes.get(token) ?? {}) : {};
  }
}

/** Opens a page of the environment's app (`visit`, passed in so a test view can follow a navigation). */
export type OpenPage = (router: Router, path: string, opts: Record<string, unknown>) => Promise<unknown>;

export interface Env {
  readonly router: Router;
  readonly open: OpenPage;
  readonly pubsub: PubSub;
  readonly tokens: TestTokens;
  readonly services: ViewServices;
}

// one environment per router, so views of one app share their PubSub as in a server
const envs = new WeakMap<Router, Env>();
/** Every open test connection: their mailboxes are settled after each action. */
export const open = new Set<LiveConnection>();

export function envFor(router: Router, pubsub: PubSub | undefined, open: OpenPage): Env {
  const shared = envs.get(router);
  if (shared && (!pubsub || pubsub === shared.pubsub)) return shared;
  const tokens = new TestTokens();
  const bus = pubsub ?? new MemoryPubSub();
  const env: Env = {
    router,
    open,
    pubsub: bus,
    tokens,
    services: {
      router,
      pubsub: bus,
      signFlash: (flash) => tokens.signFlash(flash),
      signView: (token) => tokens.signView(token),
      logError: (error, ctx) => console.error(`[lagoon test] ${ctx.view} crashed in ${ctx.phase}:`, error),
    },
  };
  if (!shared) envs.set(router, env);
  return env;
}

const routers = new WeakMap<object, Router>();

/** The Router of `routes`, the same for the same routes, so their views share one environment. */
export function routerOf(routes: Router | Iterable<LiveRoute | LiveRoute[]>): Router {
  if (routes instanceof Router) return routes;
  let router = routers.get(routes);
  if (!router) routers.set(routes, (router = new Router(routes)));
  return router;
}

/** Lets every open test view's mailbox run dry, including what one view's messages set off in another. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) {
    await Promise.all([...open].map((c) => c.idle()));
    await new Promise((resolve) => setImmediate(resolve));
    if ([...open].every((c) => c.settled())) return;
  }
}
