/**
 * The conformance app: Phoenix LiveView's e2e support app (test/e2e/test_helper.exs and
 * test/e2e/support) in Lagoon, so the unmodified Playwright suite can run against it.
 * Routes and live sessions follow the support app's router; the endpoint's plain routes
 * (/health, /eval, /submit, /navigation/dead) are Hono routes beside them.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { liveSession, live, type LiveRoute, type LiveRouteOptions, type ViewDef } from "lagoon";
import { DEFAULT_SECURITY_HEADERS, defineApp, type AppDefinition } from "lagoon/server";
import { evalPlug, withEval } from "./eval.js";
import { document, e2eLayout, navigationDeadBody, navigationLayout, profileLayout } from "./layouts.js";
import * as basics from "./views/basics.js";
import * as formIssues from "./views/form-issues.js";
import * as streams from "./views/streams.js";
import * as nav from "./views/navigation.js";
import * as forms from "./views/forms.js";
import * as lc from "./views/components.js";
import * as lcForms from "./views/component-forms.js";
import { KeyedComprehensionLive } from "./views/keyed.js";
import { Issue3040Live } from "./views/modal.js";
import * as asyncViews from "./views/async.js";
import { COLOCATED_CSS, ColocatedLive } from "./views/colocated.js";
import * as portals from "./views/portals.js";
import { ErrorLive } from "./views/errors.js";
import { PortalLive, portalLayout } from "./views/portal-live.js";
import * as nested from "./views/nested.js";
import * as sticky from "./views/sticky.js";
import * as uploadIssues from "./views/upload-issues.js";
import * as uploads from "./views/uploads.js";

/** Issue3941Live's layout hook. */
const PAGE_POSITION_NOTIFIER = `<script>
  window.hooks.PagePositionNotifier = {
    mounted() {
      this.pushEvent("page_position_update", {});
    },
  };
</script>`;

/** live_session :default: the E2E layout, and the eval hook on every view. */
function defaultSession(routes: [string, ViewDef<any>, LiveRouteOptions?][]): LiveRoute[] {
  return liveSession(
    { name: "default", layout: e2eLayout },
    routes.map(([path, view, opts]) => live(path, withEval(view), opts)),
  );
}

export const routes: (LiveRoute | LiveRoute[])[] = [
  defaultSession([
    ["/stream", streams.StreamLive],
    ["/stream/reset", streams.StreamResetLive],
    ["/stream/reset-lc", streams.StreamResetLCLive],
    ["/stream/limit", streams.StreamLimitLive],
    ["/stream/nested-component-reset", streams.StreamNestedComponentResetLive],
    ["/stream/inside-for", streams.StreamInsideForLive],
    ["/healthy/:category", streams.HealthyLive],
    ["/upload", uploads.UploadLive],
    ["/form", forms.FormLive],
    ["/form/dynamic-inputs", forms.FormDynamicInputsLive],
    ["/form/nested", nested.NestedFormLive],
    ["/form/stream", forms.FormStreamLive],
    ["/form-unsaved", nav.FormUnsavedLive],
    ["/form-unsaved/target", nav.FormUnsavedTargetLive],
    ["/js", basics.JsLive],
    ["/keyed-comprehension", KeyedComprehensionLive],
    ["/components", basics.ComponentsLive],
    ["/issues/3636", basics.Issue3636Live],
    ["/issues/3919", basics.Issue3919Live],
    ["/issues/4323", basics.Issue4323Live],
    ["/issues/4325", basics.Issue4325Live],
    ["/select", formIssues.SelectLive],
    ["/issues/2787", formIssues.Issue2787Live],
    ["/issues/3083", formIssues.Issue3083Live],
    ["/issues/3107", formIssues.Issue3107Live],
    ["/issues/3194", formIssues.Issue3194Live],
    ["/issues/3194/other", formIssues.Issue3194OtherLive],
    ["/issues/3448", formIssues.Issue3448Live],
    ["/issues/3719", formIssues.Issue3719Live],
    ["/issues/3814", formIssues.Issue3814Live],
    ["/issues/3819", formIssues.Issue3819Live],
    ["/issues/4102", formIssues.Issue4102Live],
    ["/issues/2835", uploads.Issue2835Live],
    ["/issues/3026", lcForms.Issue3026Live],
    ["/issues/3040", Issue3040Live],
    ["/issues/3117", lc.Issue3117Live],
    ["/issues/3200/messages", lcForms.Issue3200PanelLive],
    ["/issues/3200/settings", lcForms.Issue3200PanelLive],
    ["/issues/3651", lc.Issue3651Live],
    ["/issues/3684", lcForms.Issue3684Live],
    ["/issues/3979", lc.Issue3979Live],
    ["/issues/4066", lc.Issue4066Live],
    ["/issues/4088", lc.Issue4088Live],
    ["/issues/4334", lc.Issue4334Live],
    ["/issues/4350", lc.Issue4350Live],
    ["/issues/3931", asyncViews.Issue3931Live],
    ["/issues/4027", asyncViews.Issue4027Live],
    ["/issues/4095", portals.Issue4095Live],
    ["/issues/4107", portals.Issue4107Live],
    ["/issues/4121", portals.Issue4121Live],
    ["/issues/4147", portals.Issue4147Live],
    ["/issues/4212", portals.Issue4212Live],
    ["/issues/3319", uploads.Issue3319Live],
    ["/issues/3368", uploads.Issue3368Live],
    ["/issues/3378", nested.Issue3378HomeLive],
    ["/issues/3391", uploads.Issue3391Live],
    ["/issues/3612/a", sticky.Issue3612ALive],
    ["/issues/3612/b", sticky.Issue3612BLive],
    ["/issues/3656", sticky.Issue3656Live],
    ["/issues/3658", sticky.Issue3658Live],
    ["/issues/3953", nested.Issue3953Live],
    ["/issues/4209", nested.Issue4209Live],
    ["/issues/4359", nested.Issue4359Live],
    ["/issues/4368", uploadIssues.Issue4368Live],
    ["/issues/3199", nav.Issue3199Live, { container: { "phx-remove": nav.ISSUE_3199_REMOVE_VIEW } }],
    ["/issues/3199/away", nav.Issue3199AwayLive],
    ["/issues/3529", nav.Issue3529Live],
    ["/issues/3686/a", nav.Issue3686ALive],
    ["/issues/3686/b", nav.Issue3686BLive],
    ["/issues/3709", nav.Issue3709Live],
    ["/issues/3709/:id", nav.Issue3709Live],
    ["/issues/4094", nav.Issue4094Live],
    ["/issues/4290/a", nav.Issue4290ALive],
    ["/issues/4290/b", nav.Issue4290BLive],
  ]),
  // routes outside any live_session (Phoenix names their session :default too), each with its own layout
  liveSession({ name: "default", layout: profileLayout("feedback") }, [live("/form/feedback", forms.FormFeedbackLive)]),
  liveSession({ name: "default", layout: profileLayout("plain") }, [live("/issues/3169", lcForms.Issue3169Live)]),
  liveSession({ name: "default", layout: profileLayout("errors") }, [live("/errors", ErrorLive)]),
  liveSession({ name: "default", layout: profileLayout("colocated", COLOCATED_CSS) }, [live("/colocated", ColocatedLive)]),
  liveSession({ name: "default", layout: profileLayout("plain", PAGE_POSITION_NOTIFIER) }, [
    live("/issues/3941", asyncViews.Issue3941Live),
  ]),
  liveSession({ name: "default", layout: portalLayout }, [live("/portal", withEval(PortalLive))]),
  // Issue3496: each page has its own layout (with and without the sticky child)
  liveSession({ name: "default" }, [
    live("/issues/3496/a", withEval(sticky.Issue3496ALive)),
    live("/issues/3496/b", withEval(sticky.Issue3496BLive)),
  ]),
  liveSession({ name: "default", layout: (inner, a) => e2eLayout(sticky.issue3047Frame(inner), a) }, [
    live("/issues/3047/a", sticky.Issue3047ALive),
    live("/issues/3047/b", sticky.Issue3047BLive),
  ]),
  liveSession({ name: "default", layout: (inner, a) => e2eLayout(sticky.issue3681Frame(inner), a) }, [
    live("/issues/3681", sticky.Issue3681Live),
    live("/issues/3681/away", sticky.Issue3681AwayLive),
  ]),
  liveSession({ name: "default", layout: profileLayout("plain", nested.ISSUE_3530_SCRIPT) }, [live("/issues/3530", nested.Issue3530Live)]),
  liveSession({ name: "default", layout: profileLayout("plain", uploadIssues.ISSUE_2965_SCRIPT) }, [
    live("/issues/2965", uploadIssues.Issue2965Live),
  ]),
  liveSession({ name: "default", layout: profileLayout("plain", uploadIssues.ISSUE_3647_SCRIPT) }, [
    live("/issues/3647", uploadIssues.Issue3647Live),
  ]),
  liveSession({ name: "default", layout: profileLayout("plain") }, [live("/issues/4078", uploadIssues.Issue4078Live)]),
  liveSession({ name: "other", layout: e2eLayout }, [live("/issues/3686/c", nav.Issue3686CLive)]),
  liveSession({ name: "navigation", layout: navigationLayout }, [
    live("/navigation/a", nav.NavigationALive),
    live("/navigation/b", nav.NavigationBLive),
    live("/navigation/b/:id", nav.NavigationBLive),
    live("/navigation/redirectloop", nav.RedirectLoopLive),
  ]),
];

/**
 * The suite's pages carry inline scripts in their layouts and templates, as Phoenix's e2e
 * app (which sets no CSP) does: scripts may be inline here, everything else keeps Lagoon's
 * defaults.
 */
const securityHeaders = {
  ...DEFAULT_SECURITY_HEADERS,
  contentSecurityPolicy: { ...DEFAULT_SECURITY_HEADERS.contentSecurityPolicy, scriptSrc: ["'self'", "'unsafe-inline'"] },
};

export const conformanceApp: AppDefinition = {
  routes,
  document,
  securityHeaders,
  setup(lagoon) {
    const { app } = lagoon;
    app.get("/health", (c) => c.text("OK"));
    app.post("/eval", async (c) => {
      const body = (await c.req.json().catch(() => null)) as { code?: unknown } | null;
      const out = evalPlug(body?.code);
      return out.ok ? c.json(out.result) : c.json({ error: out.error }, 422);
    });
    app.post("/submit", async (c) => {
      const form = await c.req.parseBody();
      if (!c.var.session.checkCsrf(form._csrf_token)) return c.text("Forbidden", 403);
      return c.body(JSON.stringify(form), 200);
    });
    app.get("/navigation/dead", (c) => lagoon.page(c, { body: navigationDeadBody() }));
    // what /upload consumed (Plug.Static at /tmp upstream): a type Chromium downloads rather than shows
    app.get("/tmp/lvupload/:name", async (c) => {
      const name = c.req.param("name");
      if (!uploads.UPLOADED_NAME.test(name)) return c.notFound();
      const bytes = await readFile(join(uploads.UPLOADED_DIR, name)).catch(() => null);
      return bytes ? c.body(bytes, 200, { "content-type": "application/octet-stream" }) : c.notFound();
    });
    // a failed dead mount answers Phoenix's plain-text error page: no layout, no subresources
    app.onError((error, c) => {
      console.error("[conformance] request failed:", error);
      return c.text("Internal Server Error", 500);
    });
  },
};

export default defineApp(conformanceApp);
