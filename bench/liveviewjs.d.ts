// Declarations for the peer server (bench/servers/liveviewjs.ts): what it uses of LiveViewJS 0.8.1
// and Express, whose own types do not resolve under this project's module settings.
declare module "liveviewjs" {
  export interface Template {
    toString(): string;
  }
  export function html(strings: TemplateStringsArray, ...values: unknown[]): Template;
  export function safe(value: unknown): Template;
  export function live_title_tag(title: string): Template;
  export interface Socket<C> {
    readonly context: C;
    assign(values: Partial<C>): void;
  }
  export interface LiveView {
    readonly __liveView: true;
  }
  export function createLiveView<C, E>(params: {
    mount?: (socket: Socket<C>) => void;
    handleEvent?: (event: E, socket: Socket<C>) => void;
    render: (context: C) => Template;
  }): LiveView;
  export type LiveViewRouter = Record<string, LiveView>;
}

declare module "@liveviewjs/express" {
  import type { RequestListener } from "node:http";
  import type { WebSocketServer } from "ws";
  import type { LiveViewRouter, Template } from "liveviewjs";
  export class NodeExpressLiveViewServer {
    constructor(
      router: LiveViewRouter,
      page: (title: { title?: string }, csrfToken: string, content: unknown) => Template,
      title: { title: string },
      options: { serDeSigningSecret: string },
    );
    httpMiddleware(): RequestListener;
    wsMiddleware(): (wss: WebSocketServer) => Promise<void>;
  }
}

declare module "express" {
  import type { RequestListener } from "node:http";
  interface App extends RequestListener {
    use(handler: unknown): void;
  }
  export default function express(): App;
}

declare module "express-session" {
  export interface SessionOptions {
    secret: string;
    resave: boolean;
    saveUninitialized: boolean;
  }
  export default function session(options: SessionOptions): unknown;
}
