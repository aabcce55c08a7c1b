import { defineForm, defineView, html, type Form } from "lagoon";
import { Registration, type Accounts, type RegistrationInput } from "../accounts.js";
import { tooMany, type DemoLimits } from "../limits.js";
import { field } from "./fields.js";

const RegistrationForm = defineForm(Registration, { name: "user" });

/** The seed's RegistrationLive: errors while typing, for touched fields only; all on submit. */
export function registerLive(accounts: Accounts, limits: DemoLimits) {
  /** The schema cannot know which emails exist: ask the accounts once the email is valid. */
  const withUniqueEmail = (form: Form<RegistrationInput>) =>
    form.touched("email") && !form.error("email") && form.values.email && accounts.emailTaken(form.values.email)
      ? RegistrationForm.withErrors(form, { email: "has already been taken" })
      : form;

  return defineView<{ form: Form<RegistrationInput>; pageTitle: string }>({
    name: "RegisterLive",
    mount(_params, _session, socket) {
      socket.assign({ form: RegistrationForm.empty(), pageTitle: "Register" });
    },
    events: {
      validate: (params, socket) => {
        socket.assign({ form: withUniqueEmail(RegistrationForm.change(params)) });
      },
      save: async (params, socket) => {
        const form = RegistrationForm.submit(params);
        if (!form.data) return void socket.assign({ form: withUniqueEmail(form) });
        const allowed = await limits.registrationsPerAddress.hit(socket.connectInfo?.address ?? "unknown");
        if (!allowed.ok) return void socket.assign({ form: RegistrationForm.withErrors(form, { email: tooMany(allowed.retryAfter) }) });
        const result = await accounts.register(form.data);
        if (!result.ok) return void socket.assign({ form: RegistrationForm.withErrors(form, result.errors) });
        socket.putFlash("info", "Account created!");
        socket.pushNavigate("/login");
      },
    },
    render: ({ form }) => html`<main>
  <h1>Create an account</h1>
  <form id="registration-form" phx-change="validate" phx-submit="save" novalidate>
    ${field(form, "name", "Name", "text", { autocomplete: "name" })}
    ${field(form, "email", "Email", "email", { autocomplete: "email" })}
    ${field(form, "password", "Password", "password", { autocomplete: "new-password" })}
    <button type="submit" phx-disable-with="Creating account…">Create Account</button>
  </form>
  <p>Already have an account? <a href="/login" data-phx-link="redirect" data-phx-link-state="push">Log in</a></p>
</main>`,
  });
}
