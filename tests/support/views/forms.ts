/**
 * A flat form bound to a schema (defineForm): validated on change (errors for used fields
 * only), saved on submit (every error), with an error the schema cannot know (a taken
 * name). For the form tests, and for form recovery after the server went away.
 */
import { z } from "zod";
import { defineForm, defineView, html, live, liveSession } from "../../../shell/index.js";

export const Signup = defineForm(
  z.object({
    name: z.string().min(2, "at least 2 characters"),
    email: z.email("must be a valid email"),
  }),
  { name: "user" },
);

type SignupForm = ReturnType<typeof Signup.empty>;

const field = (form: SignupForm, path: "name" | "email", label: string) => {
  const error = form.error(path);
  return html`<label for=${form.inputId(path)}>${label}</label>
<input id=${form.inputId(path)} name=${form.inputName(path)} value=${form.value(path)} phx-debounce="0">
${error ? html`<p id=${`${form.inputId(path)}_error`} class="error">${error}</p>` : ""}`;
};

export const SignupLive = defineView<{ form: SignupForm; saved: string[] }>({
  name: "SignupLive",
  mount(_p, _s, socket) {
    socket.assign({ form: Signup.empty(), saved: [] });
  },
  events: {
    validate: (p, socket) => {
      socket.assign({ form: Signup.change(p) });
    },
    save: (p, socket) => {
      const form = Signup.submit(p);
      if (!form.data) return void socket.assign({ form });
      if (socket.assigns.saved.includes(form.data.name)) return void socket.assign({ form: Signup.withErrors(form, { name: "is taken" }) });
      socket.assign({ form: Signup.empty(), saved: [...socket.assigns.saved, form.data.name] });
    },
  },
  render: (a) => html`<form id="signup" phx-change="validate" phx-submit="save">
${field(a.form, "name", "Name")}
${field(a.form, "email", "Email")}
<button>Sign up</button>
</form>
<ul id="saved">${a.saved.map((name) => html`<li>${name}</li>`)}</ul>`,
});

export const formRoutes = () => [liveSession({ name: "forms" }, [live("/signup", SignupLive)])];
