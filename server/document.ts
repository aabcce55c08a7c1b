import { escapeHtml } from "../shell/escape.js";

/** The parts Lagoon hands to the document (root layout) of every page. */
export interface PageParts {
  /** The view's pageTitle, if it set one. */
  readonly title: string | undefined;
  /** Embed as <meta name="csrf-token">: the browser bundle connects with it. */
  readonly csrfToken: string;
  /** Script and style tags of the browser bundle. */
  readonly head: string;
  /** The live view container (or a static page's HTML). */
  readonly body: string;
  /** The request's CSP nonce: inline `<script nonce=...>` of a custom document must carry it. */
  readonly nonce?: string;
}

/** The page around each render (the root layout): the HTML document from its parts; `title` is plain text, escape it. */
export type DocumentFn = (page: PageParts) => string;

/** A plain HTML5 document; the <title> keeps its data-* so live title changes keep the suffix. */
export function defaultDocument(appName = "Lagoon"): DocumentFn {
  const name = escapeHtml(appName);
  return (page) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">` +
    `<meta name="csrf-token" content="${escapeHtml(page.csrfToken)}">` +
    `<title data-default="${name}" data-suffix=" · ${name}">${page.title ? escapeHtml(page.title) + " · " + name : name}</title>` +
    `${page.head}</head><body>${page.body}</body></html>`;
}
