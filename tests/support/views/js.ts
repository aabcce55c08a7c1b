/** Views whose controls run JS commands (/js) and use the component kit (/kit), for the test client and Chromium. */
import { z } from "zod";
import {
  button,
  cancelModal,
  flashGroup,
  header,
  hideModal,
  icon,
  input,
  link,
  list,
  modal,
  showModal,
  simpleForm,
  table,
} from "../../../components/index.js";
import { defineForm, defineView, html, JS, live, liveSession, type LiveStream } from "../../../shell/index.js";
import { Router } from "../../../shell/router.js";

export const JsLive = defineView<{ saves: number; renders: number; tab: string; mounted: number }>({
  name: "JsLive",
  mount(_p, _s, socket) {
    socket.assign({ saves: 0, renders: 0, tab: "one", mounted: 0 });
  },
  handleParams(params, _url, socket) {
    socket.assign({ tab: typeof params.tab === "string" ? params.tab : "one" });
  },
  events: {
    save: (p: { n?: string }, socket) => {
      socket.update("saves", (n) => n + Number(p.n ?? 1));
    },
    rerender: (_p, socket) => {
      socket.update("renders", (n) => n + 1);
    },
    // pushed by phx-mounted: the client sends it with type null
    mounted: (_p, socket) => {
      socket.update("mounted", (n) => n + 1);
    },
  },
  render: (a) => html`<section>
  <button id="open-panel" phx-click=${JS.show({ to: "#panel" })}>Show panel</button>
  <button id="toggle-panel" phx-click=${JS.toggle({ to: "#panel" })}>Toggle panel</button>
  <div id="panel" style="display: none">Panel after <span id="renders">${a.renders}</span> renders</div>
  <button id="mark" aria-pressed="false" phx-click=${JS.toggleClass("marked", { to: "#box" }).toggleAttribute("aria-pressed", ["true", "false"])}>Mark</button>
  <div id="box" class="box">box</div>
  <button id="fancy-open" phx-click=${JS.show({ to: "#fancy", transition: ["t-run", "t-start", "t-end"], time: 60, display: "flex" })}>Fancy</button>
  <button id="fancy-close" phx-click=${JS.hide({ to: "#fancy", transition: ["t-run", "t-end", "t-start"], time: 60 })}>Unfancy</button>
  <div id="fancy" class="fancy" style="display: none">fancy</div>
  <p id="note">note</p>
  <button id="save" phx-click=${JS.push("save", { value: { n: "2" } }).hide({ to: "#note" })}>Save</button>
  <p id="saves">saves: ${a.saves}</p>
  <button id="rerender" phx-click="rerender">Re-render</button>
  <button id="ping" phx-click=${JS.dispatch("js:ping", { to: "#log", detail: { n: 1 } })}>Ping</button>
  <ol id="log"></ol>
  <label for="name">Name</label> <input id="name" name="name">
  <button id="focus-name" phx-click=${JS.focus({ to: "#name" })}>Focus name</button>
  <button id="tab-two" phx-click=${JS.patch("/js?tab=two")}>Tab two</button>
  <p id="tab">tab: ${a.tab}</p>
  <button id="go-kit" phx-click=${JS.navigate("/kit")}>Kit</button>
  <p id="mounted" phx-mounted=${JS.push("mounted")}>mounted: ${a.mounted}</p>
</section>`,
});

const Person = defineForm(z.object({ name: z.string().min(2, "should be at least 2 characters"), role: z.enum(["dev", "ops"]) }), {
  name: "person",
});

type Row = { id: number; name: string; role: string };

export const KitLive = defineView<{
  form: ReturnType<typeof Person.empty>;
  confirmed: number;
  cancelled: number;
  streams: { people: LiveStream<Row> };
}>({
  name: "KitLive",
  mount(_p, _s, socket) {
    socket.assign({ form: Person.empty({ role: "dev" }), confirmed: 0, cancelled: 0 });
    socket.stream("people", [{ id: 1, name: "Ada", role: "dev" }]);
  },
  events: {
    validate: (p, socket) => {
      socket.assign({ form: Person.change(p) });
    },
    save: (p, socket) => {
      const form = Person.submit(p);
      if (!form.data) return void socket.assign({ form });
      socket.streamInsert("people", { id: Date.now(), ...form.data });
      socket.assign({ form: Person.empty({ role: "dev" }) }).putFlash("info", `Added ${form.data.name}`);
    },
    confirm: (_p, socket) => {
      socket.update("confirmed", (n) => n + 1).putFlash("info", "Confirmed");
    },
    cancelled: (_p, socket) => {
      socket.update("cancelled", (n) => n + 1);
    },
    oops: (_p, socket) => {
      socket.putFlash("error", "Something <b>went</b> wrong");
    },
  },
  render: (a) => html`${flashGroup(a.flash, { id: "flashes" })}
<main>
  ${header({ title: "Kit", subtitle: "every component", actions: link({ navigate: "/js", current: false }, "JS page") })}
  ${button({ id: "open-confirm", type: "button", "phx-click": showModal("confirm") }, html`${icon("trash")} Confirm…`)}
  ${button({ id: "oops", type: "button", variant: "danger", "phx-click": "oops" }, "Fail")}
  <p id="counts">confirmed ${a.confirmed}, cancelled ${a.cancelled}</p>
  ${modal(
    { id: "confirm", title: "Really?", onCancel: JS.push("cancelled") },
    html`<p>This cannot be undone.</p>
    ${button({ type: "button", variant: "secondary", "phx-click": cancelModal("confirm") }, "Cancel")}
    ${button({ type: "button", variant: "danger", "phx-click": JS.push("confirm").concat(hideModal("confirm")) }, "Yes")}`,
  )}
  ${simpleForm(
    { id: "person-form", change: "validate", submit: "save", actions: button({ type: "submit" }, "Add") },
    html`${input({ form: a.form, field: "name", label: "Name", autocomplete: "off", "phx-debounce": "0" })}
    ${input({
      form: a.form,
      field: "role",
      type: "select",
      label: "Role",
      options: [
        ["Developer", "dev"],
        ["Operations", "ops"],
      ],
    })}`,
  )}
  ${table({
    id: "people",
    rows: a.streams.people,
    columns: [
      { label: "Name", render: (r) => r.name },
      { label: "Role", render: (r) => r.role },
    ],
  })}
  ${list([{ title: "Rows", content: "streamed" }])}
</main>`,
});

export const jsRoutes = () => [liveSession({ name: "js" }, [live("/js", JsLive), live("/kit", KitLive)])];
export const jsRouter = new Router(jsRoutes());
