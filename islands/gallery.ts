/**
 * The island gallery (development only, at /__islands): every registered island rendered
 * with each of the sample props declared in its contract, an event log of what the islands
 * emit (payloads as the server received them, validated), and a form to send each command.
 * Island work without the rest of the app: edit a component and watch it hot-reload here.
 */
import { defineView, html, live, liveSession, type LiveRoute, type Template, type ViewSocket } from "../shell/index.js";
import { describeIssues } from "../shell/schema.js";
import { pushCommand, replySchema, type AnyIsland, type EventSpec } from "./contract.js";
import { islandEvents, type IslandHandlers } from "./events.js";
import { island } from "./render.js";
import { registeredIslands } from "./registry.js";

interface LogEntry {
  readonly n: number;
  readonly time: string;
  readonly island: string;
  readonly line: string;
}

interface GalleryAssigns {
  log: LogEntry[];
  next: number;
  pageTitle: string;
}

type Socket = ViewSocket<GalleryAssigns>;

const MAX_LOG = 50;

function note(socket: Socket, island: string, line: string): void {
  const n = socket.assigns.next;
  const entry = { n, time: new Date().toISOString().slice(11, 19), island, line };
  socket.assign({ next: n + 1, log: [entry, ...socket.assigns.log].slice(0, MAX_LOG) });
}

/** DOM id of a sample's island. */
const sampleId = (contract: AnyIsland, index: number) => `${contract.name}-sample-${index}`;

function handlersFor(contract: AnyIsland): IslandHandlers<AnyIsland, Socket> {
  const handlers: Record<string, (payload: unknown, socket: Socket, source: { id: string }) => unknown> = {};
  for (const [event, spec] of Object.entries(contract.events as Record<string, EventSpec>)) {
    handlers[event] = (payload, socket, { id }) => {
      const reply = replySchema(spec) ? " (no reply here: the gallery has no server logic)" : "";
      note(socket, id, `${event} ${JSON.stringify(payload)}${reply}`);
    };
  }
  return handlers as IslandHandlers<AnyIsland, Socket>;
}

function sendCommand(params: Record<string, unknown>, socket: Socket): void {
  const id = String(params.island ?? "");
  const contract = registeredIslands().find((m) => id.startsWith(`${m.contract.name}-sample-`))?.contract;
  const command = String(params.command ?? "");
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
  pushCommand(socket, contract, id, command, parsed.data);
  note(socket, id, `→ ${command} ${JSON.stringify(parsed.data)}`);
}

function renderSample(contract: AnyIsland, index: number, name: string, props: unknown): Template {
  let rendered: Template;
  try {
    rendered = island(contract, { id: sampleId(contract, index), props });
  } catch (error) {
    rendered = html`<p class="gallery-error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`;
  }
  return html`<article class="gallery-sample">
  <h3>${name}</h3>
  ${rendered}
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

function renderIsland(contract: AnyIsland): Template {
  const samples = Object.entries(contract.samples);
  return html`<section class="gallery-island" aria-label=${contract.name}>
  <h2>${contract.name}</h2>
  <p>Events: ${Object.keys(contract.events).join(", ") || "none"} · Commands: ${Object.keys(contract.commands).join(", ") || "none"}</p>
  ${samples.length ? samples.map(([name, props], i) => renderSample(contract, i, name, props)) : html`<p>No samples: add <code>samples</code> to its defineIsland.</p>`}
  ${renderCommands(contract, samples.length)}
</section>`;
}

/** The gallery's live route (its own live session, no app layout). */
export function islandGallery(path = "/__islands"): LiveRoute[] {
  const events: Record<string, unknown> = {};
  for (const { contract } of registeredIslands()) Object.assign(events, islandEvents(contract, handlersFor(contract)));
  const GalleryLive = defineView<GalleryAssigns>({
    name: "IslandGallery",
    mount(_params, _session, socket) {
      socket.assign({ log: [], next: 1, pageTitle: "Islands gallery" });
    },
    events: {
      ...(events as Record<string, never>),
      __command: sendCommand,
      __clear: (_p, socket) => {
        socket.assign({ log: [] });
      },
    },
    render: (a) => html`<main class="gallery">
  <h1>Islands gallery</h1>
  <p>Every island of the app with the samples of its contract. Edit a component: it hot-reloads here.</p>
  ${registeredIslands().map(({ contract }) => renderIsland(contract))}
  <section aria-label="Event log">
    <h2>Event log</h2>
    <button type="button" phx-click="__clear">Clear</button>
    <ol id="gallery-log">${a.log.map((e) => html`<li id=${`log-${e.n}`}><time>${e.time}</time> <strong>${e.island}</strong> ${e.line}</li>`)}</ol>
  </section>
</main>`,
  });
  return liveSession({ name: "lagoon:islands-gallery" }, [live(path, GalleryLive)]);
}
