import { defineView, html, AsyncResult, type ViewSocket } from "lagoon";
import { MAX_QUERY_LENGTH, type Catalog, type Product } from "../catalog.js";

type SearchAssigns = { query: string; results: AsyncResult<Product[]>; pageTitle: string };

const price = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/**
 * The seed's SearchLive: the client debounces typing (phx-debounce="300"); each query loads
 * through assignAsync, so a slow catalog shows a spinner and a newer query replaces an
 * older one still running.
 */
export function searchLive(catalog: Catalog) {
  const search = (query: string, socket: ViewSocket<SearchAssigns>) => {
    socket.assign({ query });
    if (!query.trim()) return void socket.assign({ results: AsyncResult.ok([]) });
    socket.assignAsync("results", async (signal) => ({ results: await catalog.search(query, signal) }));
  };

  return defineView<SearchAssigns>({
    name: "SearchLive",
    mount(_params, _session, socket) {
      socket.assign({ pageTitle: "Search", query: "", results: AsyncResult.ok([]) });
    },
    handleParams(params, _url, socket) {
      if (typeof params.q === "string") search(params.q.slice(0, MAX_QUERY_LENGTH), socket);
    },
    events: {
      search: (params, socket) => {
        const q = typeof params.q === "string" ? params.q.slice(0, MAX_QUERY_LENGTH) : "";
        search(q, socket);
      },
    },
    render: ({ query, results }) => html`<main>
  <h1>Product search</h1>
  <form id="search-form" role="search" phx-change="search" phx-submit="search">
    <label for="search-q">Search products</label>
    <input id="search-q" type="search" name="q" value=${query} maxlength="100" autocomplete="off" phx-debounce="300">
  </form>
  <div id="search-status" role="status">${
    results.loading
      ? html`<p class="loading"><span class="spinner" aria-hidden="true"></span>Searching…</p>`
      : results.failed
        ? html`<p class="error">Search failed, try again.</p>`
        : query.trim() && results.result?.length === 0
          ? html`<p>No results found</p>`
          : ""
  }</div>
  <ul id="results">${(results.result ?? []).map(
    (p) =>
      html`<li><span class="name">${p.name}</span> <span class="category">${p.category}</span> <span class="price">${price(p.priceCents)}</span></li>`,
  )}</ul>
</main>`,
  });
}
