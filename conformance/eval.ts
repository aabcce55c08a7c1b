/**
 * The suite's `sandbox:eval` hook, without Elixir. Phoenix's support app evaluates the code
 * a test sends inside the LiveView (`evalLV`) or in a plain request (`evalPlug`, POST /eval);
 * here each snippet the suite sends is matched (whitespace collapsed) and mapped to the
 * Lagoon code doing the same thing. Anything else is refused. The table is in README.md
 * ("Conformance").
 *
 * As upstream (E2E.Hooks' on_mount), the eval handler is a handleEvent lifecycle hook
 * attached before the view mounts, halting `sandbox:eval` with its reply. E8 attaches a
 * second hook, `sync`, making every later event of the view except "ping" wait for a
 * `{:sync, event}` message, sent by E9 through POST /eval. Lagoon runs a view's messages one
 * at a time, so a hook awaiting its release holds back the view's other events and timers
 * as the blocked Phoenix process does; a release that arrives first is kept until its event
 * comes (Erlang's selective receive). The eval hook runs first, so evals are never held.
 */
import { EventRejected, type HookResult, type ViewDef, type ViewSocket } from "lagoon";

interface Gate {
  pid: number;
  /** Releases that arrived before their event, by event name. */
  early: Map<string, number>;
  /** Handlers waiting for their release, by event name. */
  waiting: Map<string, (() => void)[]>;
}

const gates = new WeakMap<ViewSocket<any>, Gate>();
const byPid = new Map<number, Gate>();
let nextPid = 100;

function gate(socket: ViewSocket<any>): Gate {
  let g = gates.get(socket);
  if (!g) {
    g = { pid: nextPid++, early: new Map(), waiting: new Map() };
    gates.set(socket, g);
    byPid.set(g.pid, g);
    const pid = g.pid;
    socket.onEnd(() => byPid.delete(pid));
  }
  return g;
}

/** E8's `sync` hook: each event but "ping" waits for its `{:sync, event}`. */
async function passGate(event: string, _params: unknown, socket: ViewSocket<any>): Promise<HookResult> {
  if (event === "ping") return "cont";
  const g = gate(socket);
  const early = g.early.get(event) ?? 0;
  if (early > 0) {
    g.early.set(event, early - 1);
    return "cont";
  }
  await new Promise<void>((resolve) => {
    const list = g.waiting.get(event) ?? [];
    list.push(resolve);
    g.waiting.set(event, list);
  });
  return "cont";
}

function release(pid: number, event: string): void {
  const g = byPid.get(pid);
  if (!g) return;
  const next = g.waiting.get(event)?.shift();
  if (next) next();
  else g.early.set(event, (g.early.get(event) ?? 0) + 1);
}

const normalize = (code: string) => code.replace(/\s+/g, " ").trim();

const NOREPLY = {};

/** What a snippet does inside a view: the reply `{}` for `{:noreply, socket}`, else `{ result }`. */
type LvSnippet = { pattern: RegExp; run(m: RegExpMatchArray, socket: ViewSocket<any>, view: ViewDef<any>): unknown };

const E7 =
  '<<"#PID"::binary, pid::binary>> = inspect(self()) pid_parts = pid |> String.trim_leading("<") |> String.trim_trailing(">") |> String.split(".") %{lv_pid: pid_parts}';
const E8 =
  'attach_hook(socket, :sync, :handle_event, fn event, _params, socket -> if event == "ping" do {:cont, socket} else receive do {:sync, ^event} -> {:cont, socket} end end end)';
const literal = (code: string) => new RegExp(`^${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

const LV_SNIPPETS: LvSnippet[] = [
  {
    // E1, E2 (streams): run the view's own handler
    pattern: /^socket\.view\.handle_event\("([\w-]+)", %\{\}, socket\)$/,
    async run(m, socket, view) {
      const spec = view.events?.[m[1]!];
      if (!spec) throw new EventRejected("eval", `the view has no event ${m[1]}`);
      await (typeof spec === "function" ? spec({}, socket) : spec.handle({}, socket));
      return NOREPLY;
    },
  },
  // E3 (keyed comprehension)
  { pattern: /^socket\.assigns\.items$/, run: (_m, socket) => socket.assigns.items },
  {
    // E4 (portal)
    pattern: /^send\(self\(\), :tick\)$/,
    run(_m, socket) {
      socket.send("tick");
      return "tick";
    },
  },
  {
    // E5 (3083)
    pattern: /^send\(self\(\), \{:select, \[([\d, ]*)\]\}\); nil$/,
    run(m, socket) {
      socket.send({
        select: m[1]!
          .split(",")
          .filter((s) => s.trim())
          .map(Number),
      });
      return null;
    },
  },
  {
    // E6 (4323)
    pattern: literal("{:noreply, Phoenix.Component.assign(socket, :counter, socket.assigns.counter + 1)}"),
    run(_m, socket) {
      socket.update("counter", (n: number) => n + 1);
      return NOREPLY;
    },
  },
  // E7 (forms): this view's pid, as the parts of "#PID<0.n.0>"
  { pattern: literal(E7), run: (_m, socket) => ({ lv_pid: ["0", String(gate(socket).pid), "0"] }) },
  {
    // E8 (forms)
    pattern: literal(E8),
    run(_m, socket) {
      socket.attachHook("sync", "handleEvent", passGate);
      return NOREPLY;
    },
  },
];

/** The eval hook of `view`: answers `sandbox:eval` (halting with the reply), lets every other event through. */
function evalHook(view: ViewDef<any>) {
  return async (event: string, params: { value?: unknown }, socket: ViewSocket<any>): Promise<HookResult> => {
    if (event !== "sandbox:eval") return "cont";
    const code = typeof params.value === "string" ? normalize(params.value) : "";
    for (const snippet of LV_SNIPPETS) {
      const m = code.match(snippet.pattern);
      if (!m) continue;
      const result = await snippet.run(m, socket, view);
      return { reply: result === NOREPLY ? {} : { result } };
    }
    throw new EventRejected("eval", `not a snippet of the suite: ${code.slice(0, 80)}`);
  };
}

/** `view` with the suite's eval hook attached before its mount (Phoenix's on_mount of live_session :default). */
export function withEval<A extends Record<string, any>>(view: ViewDef<A>): ViewDef<A> {
  return {
    ...view,
    mount(params, session, socket) {
      socket.attachHook("eval", "handleEvent", evalHook(view as ViewDef<any>));
      return view.mount?.(params, session, socket);
    },
  };
}

/** POST /eval (`evalPlug`): E9 releases a view's waiting event; its result is `nil`. */
export function evalPlug(code: unknown): { ok: true; result: null } | { ok: false; error: string } {
  const m =
    typeof code === "string"
      ? normalize(code).match(/^send\(IEx\.Helpers\.pid\((\d+), (\d+), (\d+)\), \{:sync, "([\w-]+)"\}\); nil$/)
      : null;
  if (!m) return { ok: false, error: "not a snippet of the suite" };
  release(Number(m[2]), m[4]!);
  return { ok: true, result: null };
}
