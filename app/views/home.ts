import { defineView, html } from "lagoon";

const PAGES: [string, string, string][] = [
  ["/counter", "Counter", "buttons that change server state"],
  ["/register", "Register", "live form validation"],
  ["/login", "Log in", "accounts and sessions"],
  ["/todos", "Todos", "the team todo list, live for everyone"],
  ["/chat/lobby", "Chat", "a chat room with presence"],
  ["/search", "Search", "product search with debounce"],
  ["/posts", "Posts", "sorting by patch, pages by navigate"],
  ["/primes", "Primes", "CPU-heavy work in a worker pool, the page stays live"],
  ["/islands", "Islands", "a React island inside a live view, typed both ways"],
  ["/board", "Board", "drag-and-drop board, a React island"],
  ["/dashboard", "Dashboard", "live telemetry of this server, charts in a React island"],
];

export const HomeLive = defineView<{ pageTitle: string }>({
  name: "HomeLive",
  mount(_params, _session, socket) {
    socket.assign({ pageTitle: "Home" });
  },
  render: () => html`<main>
  <h1>Lagoon</h1>
  <p>Server-driven UI in TypeScript: every page below is a live view.</p>
  <ul class="pages">
    ${PAGES.map(([href, title, blurb]) => html`<li><a href=${href}>${title}</a> — ${blurb}</li>`)}
  </ul>
</main>`,
});
