/**
 * GET /files/:id/download: a stored file, for its owner only (anyone else gets the same
 * 404 as for a file that does not exist). Served as an attachment under its original
 * name, with nosniff and a sandboxing CSP, so an uploaded HTML or SVG never runs as a
 * page of this site.
 */
import type { Lagoon } from "lagoon/server";
import type { Accounts } from "./accounts.js";
import type { Files } from "./files.js";

/** `attachment` with the name as ASCII (others replaced) and in full as RFC 5987 UTF-8. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function downloadRoutes(lagoon: Lagoon, files: Files, accounts: Accounts): void {
  lagoon.app.get("/files/:id/download", async (c) => {
    const userId = c.var.session.current.userId;
    const user = typeof userId === "number" ? await accounts.get(userId) : null;
    if (!user) return c.redirect(`/login?return_to=${encodeURIComponent("/files")}`, 302);
    const id = /^\d{1,15}$/.test(c.req.param("id")) ? Number(c.req.param("id")) : null;
    const found = await files.open(user, id);
    if (!found) return c.text("Not found", 404);
    return c.body(found.body, 200, {
      "Content-Type": found.file.type,
      "Content-Length": String(found.file.size),
      "Content-Disposition": disposition(found.file.name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    });
  });
}
