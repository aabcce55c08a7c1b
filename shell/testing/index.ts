/**
 * The in-process test client (like Phoenix.LiveViewTest): renders a page over the same
 * HTTP render the server uses, then joins it through the real live connection
 * (shell/connection.ts) over an in-memory transport, so a test and a browser take one
 * path from frame to diff. It rebuilds the page's HTML from the frames with a reader of
 * its own (merge.ts) and drives it by selector the way a user would.
 *
 *   const view = await visit(routes, "/counter");
 *   await view.element("button", "+").click();
 *   expect(view.find("h1")?.textContent).toBe("Count: 1");
 */
export { visit } from "./visit.js";
export { LiveViewTest } from "./view.js";
export type { VisitOptions } from "./env.js";
export { Redirected, ReplyError } from "./errors.js";
export { RenderedTree, extract } from "./merge.js";
export { TestElement, TestForm } from "./elements.js";
export type { DispatchedEvent } from "./client-state.js";
export type { TestFile, UploadOutcome } from "./uploads.js";
