/**
 * The island gallery (development only, at /__islands): every island of the app rendered
 * with each of the sample props declared in its contract, a props editor under each (JSON,
 * checked by the contract; the island takes the new props and keeps its React state), an
 * event log of what the islands emit (payloads as the server received them, validated),
 * the contract's sample replies as the answers to events that have a reply, and a form to
 * send each command. Island work without the rest of the app: edit a component and watch it
 * hot-reload here; edit a contract and the gallery takes it as the app reloads.
 */
import { defineView, EventRejected, html, live, liveSession, type LiveRoute, type Template, type ViewSocket } from "../shell/index.js";
import { describeIssues } from "../shell/schema.js";
import { pushCommand, replySchema, type AnyIsland, type EventSpec } from "./contract.js";
import { islandEvents, type IslandHandlers } from "./events.js";
import { island } from "./render.js";
import { clientOnlyContracts, registeredIslands } from "./registry.js";

interface LogEntry {
  readonly n: number;
  readonly time: string;
  readonly island: string;
  readonly line: string;
}

interface GalleryAssigns {
  log: LogEntry[];
  next: number;
  /** Props set in the editor, by sample island id (the contract's input). */
  edited: Record<string, unknown>;
  /** Why the editor's last props were refused, by sample island id. */
  refused: Record<string, string>;
  pageTitle: string;
}

type Socket = ViewSocket<GalleryAssigns>;

const MAX_LOG = 50;
/** Longest props text the editor takes. */
const MAX_PROPS = 100_000;

/** The contracts the gallery shows: the islands the server renders, and the client-only ones it knows the contract of. */
function contracts(): AnyIsland[] {
  return [...registeredIslands().map((m) => m.contract), ...clientOnlyContracts()].sort((a, b) => a.name.localeCompare(b.name));
}

function note(socket: Socket, island: string, line: string): void {
  const n = socket.assigns.next;
  const entry = { n, time: new Date().toISOString().slice(11, 19), island, line };
  socket.assign({ next: n + 1, log: [entry, ...socket.assigns.log].slice(0, MAX_LOG) });
}

/** DOM id of a sample's island. */
const sampleId = (contract: AnyIsland, index: number) => `${contract.name}-sample-${index}`;

/** The contract and sample an island id of the gallery stands for. */
function sampleOf(id: unknown): { contract: AnyIsland; id: string; props: unknown } | undefined {
  const text = String(id ?? "");
  for (const contract of contracts()) {
    const samples = Object.values(contract.samples);
    const index = samples.findIndex((_, i) => sampleId(contract, i) === text);
    if (index >= 0) return { contract, id: text, props: samples[index] };
  }
  return undefined;
}

const short = (value: unknown) => {
  const json = JSON.stringify(value) ?? "undefined";
  return json.length > 200 ? `${json.slice(0, 200)}…` : json;
};

/** Answers an event that has a reply with the contract's sample reply, checked by the reply schema. */
function sampleReply(contract: AnyIsland, event: string, spec: EventSpec, payload: unknown, socket: Socket, id: string): unknown {
  const schema = replySchema(spec)!;
  const refuse = (reason: string, why: string): never => {
    note(socket, id, `${event} ${short(payload)} → refused: ${why}`);
    throw new EventRejected(reason, `${contract.name}.${event} in the gallery: ${why}`);
  };
  const sample = (contract.replies as Record<string, unknown>)[event];
  if (sample === undefined) return refuse("no_sample_reply", `no sample reply (add replies: { ${event}: … } to its defineIsland)`);
  let reply: unknown;
  try {
    reply = typeof sample === "function" ? (sample as (p: unknown) => unknown)(payload) : sample;
  } catch (error) {
    return refuse("sample_reply_failed", `the sample reply threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  const checked = schema.safeParse(reply);
  if (!checked.success)
    return refuse("invalid_reply", `the sample reply does not match the reply schema: ${describeIssues(checked.error.issues)}`);
  note(socket, id, `${event} ${short(payload)} → ${short(reply)}`);
  return reply;
}

function handlersFor(contract: AnyIsland): IslandHandlers<AnyIsland, Socket> {
  const handlers: Record<string, (payload: unknown, socket: Socket, source: { id: string }) => unknown> = {};
  for (const [event, spec] of Object.entries(contract.events as Record<string, EventSpec>)) {
    handlers[event] = (payload, socket, { id }) => {
      if (replySchema(spec)) return sampleReply(contract, event, spec, payload, socket, id);
      note(socket, id, `${event} ${short(payload)}`);
      return undefined;
    };
  }
  return handlers as IslandHandlers<AnyIsland, Socket>;
}

function sendCommand(params: Record<string, unknown>, socket: Socket): void {
  const sample = sampleOf(params.island);
  const id = sample?.id ?? String(params.island ?? "");
  const command = String(params.command ?? "");
  const contract = sample?.contract;
  const schema = contract && Object.hasOwn(contract.commands, command) ? contract.commands[command] : undefined;
  if (!contract || !schema) return note(socket, id, `no command "${command}"`);
  let payload: unknown;
  try {
    payload = JSON.parse(String(params.payload ?? ""));
  } catch {
    return note(socket, id, `→ ${command}: the payload is not JSON`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    return note(socket, id, `→ ${command} refused by the contract: ${describeIssues(parsed.error.issues)}`);
  }
  // the command travels as given: the island parses it (transforms run once, there)
  pushCommand(socket, contract, id, command, payload as never);
  note(socket, id, `→ ${command} ${JSON.stringify(parsed.data)}`);
}

/** The props editor's submit: JSON the contract accepts becomes the sample island's props. */
function setProps(params: Record<string, unknown>, socket: Socket): void {
  const sample = sampleOf(params.island);
  if (!sample) return;
  const { id, contract } = sample;
  const text = String(params.props ?? "");
  const refuse = (why: string) => {
    socket.assign({ refused: { ...socket.assigns.refused, [id]: why } });
    note(socket, id, `props refused: ${why}`);
  };
  if (text.length > MAX_PROPS) return refuse(`more than ${MAX_PROPS} characters`);
  let props: unknown;
  try {
    props = JSON.parse(text);
  } catch {
    return refuse("not JSON");
  }
  const parsed = contract.props.safeParse(props);
  if (!parsed.success) return refuse(`the contract says ${describeIssues(parsed.error.issues, "(props)")}`);
  const { [id]: _, ...refused } = socket.assigns.refused;
  socket.assign({ edited: { ...socket.assigns.edited, [id]: props }, refused });
  note(socket, id, `props ${short(props)}`);
}

function resetProps(params: Record<string, unknown>, socket: Socket): void {
  const id = String(params.island ?? "");
  const { [id]: _e, ...edited } = socket.assigns.edited;
  const { [id]: _r, ...refused } = socket.assigns.refused;
  socket.assign({ edited, refused });
}

function renderSample(contract: AnyIsland, index: number, name: string, props: unknown, a: GalleryAssigns): Template {
  const id = sampleId(contract, index);
  const current = Object.hasOwn(a.edited, id) ? a.edited[id] : props;
  let rendered: Template;
  try {
    rendered = island(contract, { id, props: current as never });
  } catch (error) {
    rendered = html`<p class="gallery-error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`;
  }
  const refused = a.refused[id];
  return html`<article class="gallery-sample">
  <h3>${name}</h3>
  ${rendered}
  <form class="gallery-props" id=${`${id}-props`} phx-submit="__props">
    <input type="hidden" name="island" value=${id}>
    <label>Props (JSON) <textarea name="props" rows="4">${JSON.stringify(current, null, 2)}</textarea></label>
    <button type="submit">Apply props</button>
    <button type="button" phx-click="__reset" phx-value-island=${id}>Sample props</button>
    ${refused ? html`<p class="gallery-error" role="alert">${refused}</p>` : ""}
  </form>
</article>`;
}

function renderCommands(contract: AnyIsland, count: number): Template | string {
  const commands = Object.keys(contract.commands);
  if (!commands.length || !count) return "";
  return html`<form class="gallery-command" phx-submit="__command">
  <label>Island <select name="island">${Array.from({ length: count }, (_, i) => html`<option>${sampleId(contract, i)}</option>`)}</select></label>
  <label>Command <select name="command">${commands.map((c) => html`<option>${c}</option>`)}</select></label>
  <label>Payload (JSON) <textarea name="payload" rows="2">{}</textarea></label>
  <button type="submit">Send command</button>
</form>`;
}

function renderIsland(contract: AnyIsland, a: GalleryAssigns): Template {
  const samples = Object.entries(contract.samples);
  const replies = Object.keys(contract.replies);
  return html`<section class="gallery-island" aria-label=${contract.name}>
  <h2>${contract.name}</h2>
  <p>Events: ${Object.keys(contract.events).join(", ") || "none"} · Commands: ${Object.keys(contract.commands).join(", ") || "none"}${
    replies.length ? ` · Sample replies: ${replies.join(", ")}` : ""
  }</p>
  ${samples.length ? samples.map(([name, props], i) => renderSample(contract, i, name, props, a)) : html`<p>No samples: add <code>samples</code> to its defineIsland.</p>`}
  ${renderCommands(contract, samples.length)}
</section>`;
}

/** The gallery's live route (its own live session, no app layout), over the islands registered now. */
export function islandGallery(path = "/__islands"): LiveRoute[] {
  const events: Record<string, unknown> = {};
  for (const contract of contracts()) Object.assign(events, islandEvents(contract, handlersFor(contract)));
  const GalleryLive = defineView<GalleryAssigns>({
    name: "IslandGallery",
    mount(_params, _session, socket) {
      socket.assign({ log: [], next: 1, edited: {}, refused: {}, pageTitle: "Islands gallery" });
    },
    events: {
      ...(events as Record<string, never>),
      __command: sendCommand,
      __props: setProps,
      __reset: resetProps,
      __clear: (_p, socket) => {
        socket.assign({ log: [] });
      },
    },
    render: (a) => html`<main class="gallery">
  <h1>Islands gallery</h1>
  <p>Every island of the app with the samples of its contract. Edit a component: it hot-reloads here.</p>
  ${contracts().map((contract) => renderIsland(contract, a))}
  <section aria-label="Event log">
    <h2>Event log</h2>
    <button type="button" phx-click="__clear">Clear</button>
    <ol id="gallery-log">${a.log.map((e) => html`<li id=${`log-${e.n}`}><time>${e.time}</time> <strong>${e.island}</strong> ${e.line}</li>`)}</ol>
  </section>
</main>`,
  });
  return liveSession({ name: "lagoon:islands-gallery" }, [live(path, GalleryLive)]);
}
