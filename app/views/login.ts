import { z } from "zod";
import { defineForm, defineView, html, type Form } from "lagoon";
import { safeReturnTo, type AuthAssigns } from "../auth.js";
import type { Accounts } from "../accounts.js";
import { tooMany, type DemoLimits } from "../limits.js";
import { HashingBusy } from "../passwords.js";
import { field } from "./fields.js";

const LoginForm = defineForm(z.object({ email: z.string(), password: z.string() }), { name: "user" });

type LoginAssigns = AuthAssigns & {
  form: Form<{ email: string; password: string }>;
  error: string | null;
  returnTo: string;
  trigger: boolean;
  pageTitle: string;
};

/**
 * Log in: the live view checks the credentials (an error shows at once, no page load); when
 * they are right it sets phx-trigger-action and the client posts the same form natively to
 * POST /login, which checks them again and sets the session cookie.
 */
export function loginLive(accounts: Accounts, limits: DemoLimits) {
  return defineView<LoginAssigns>({
    name: "LoginLive",
    mount(params, _session, socket) {
      if (socket.assigns.currentUser) return void socket.redirect(safeReturnTo(params.return_to) ?? "/todos");
      socket.assign({
        form: LoginForm.empty(),
        error: null,
        returnTo: safeReturnTo(params.return_to) ?? "",
        trigger: false,
        pageTitle: "Log in",
      });
    },
    events: {
      login: async (params, socket) => {
        const form = LoginForm.submit(params);
        const email = form.data?.email.trim().toLowerCase() ?? "";
        const address = await limits.loginsPerAddress.hit(socket.connectInfo?.address ?? "unknown");
        if (!address.ok) return void socket.assign({ form, error: tooMany(address.retryAfter) });
        let user;
        try {
          user = form.data ? await accounts.authenticate(form.data.email, form.data.password) : null;
        } catch (error) {
          if (error instanceof HashingBusy) return void socket.assign({ form, error: "The server is busy; try again in a moment." });
          throw error;
        }
        if (!user) {
          const account = await limits.failuresPerAccount.hit(email);
          return void socket.assign({ form, error: account.ok ? "Invalid email or password" : tooMany(account.retryAfter) });
        }
        socket.assign({ form, error: null, trigger: true });
      },
    },
    render: (a) => html`<main>
  <h1>Log in</h1>
  <form id="login-form" action="/login" method="post" phx-submit="login" phx-trigger-action=${a.trigger}>
    <input type="hidden" name="_csrf_token" value=${a.csrfToken}>
    <input type="hidden" name="return_to" value=${a.returnTo}>
    ${a.error ? html`<p class="error" role="alert">${a.error}</p>` : ""}
    ${field(a.form, "email", "Email", "email", { autocomplete: "username" })}
    ${field(a.form, "password", "Password", "password", { autocomplete: "current-password" })}
    <button type="submit" phx-disable-with="Logging in…">Log in</button>
  </form>
  <p>No account yet? <a href="/register" data-phx-link="redirect" data-phx-link-state="push">Register</a></p>
</main>`,
  });
}
