/**
 * defineForm (shell/forms.ts) on a flat form: its state from params, and the fixture signup
 * view through the test client: errors for used fields while typing, every error on
 * submit, an error the schema cannot know, and a reset form once saved.
 */
import { describe, expect, it } from "vitest";
import { visit, type LiveViewTest } from "../../shell/testing/index.js";
import { formRoutes, Signup } from "../support/views/forms.js";

const error = (view: LiveViewTest, field: string) => view.find(`#user_${field}_error`)?.textContent ?? null;
const saved = (view: LiveViewTest) =>
  view
    .dom()
    .querySelectorAll("#saved li")
    .map((li) => li.textContent);

describe("defineForm", () => {
  it("names inputs under the form's name, and an empty form has no errors", () => {
    const form = Signup.empty({ name: "Ada" });
    expect(Signup.name).toBe("user");
    expect(Signup.fields).toEqual(["name", "email"]);
    expect(form.inputName("email")).toBe("user[email]");
    expect(form.inputId("email")).toBe("user_email");
    expect(form.values).toEqual({ name: "Ada", email: "" });
    expect(form.errors).toEqual({});
    expect(form.valid).toBe(false);
  });

  it("keeps change errors to used fields, and gives every error on submit", () => {
    // the client marks inputs nobody has touched yet with `_unused_<field>`
    const changed = Signup.change({ user: { name: "A", email: "", _unused_email: "" } });
    expect(changed.error("name")).toBe("at least 2 characters");
    expect(changed.error("email")).toBeUndefined();
    const submitted = Signup.submit({ user: { name: "A" } });
    expect(submitted.submitted).toBe(true);
    expect(submitted.error("name")).toBe("at least 2 characters");
    expect(submitted.error("email")).toBe("must be a valid email");
    expect(submitted.data).toBeUndefined();
  });

  it("parses valid params to data, ignoring params outside the schema", () => {
    const form = Signup.submit({ user: { name: "Ada", email: "ada@example.com", admin: "true" }, other: "x" });
    expect(form.valid).toBe(true);
    expect(form.data).toEqual({ name: "Ada", email: "ada@example.com" });
  });

  it("adds errors the schema cannot know, shown at once", () => {
    const form = Signup.withErrors(Signup.submit({ user: { name: "Ada", email: "ada@example.com" } }), { name: "is taken" });
    expect(form.error("name")).toBe("is taken");
    expect(form.error("email")).toBeUndefined();
  });
});

describe("a form view through the test client", () => {
  it("validates as the user types, saves on submit, and refuses a taken name", async () => {
    const view = await visit(formRoutes(), "/signup");
    const form = view.form("#signup");
    await form.change({ user: { name: "E" } });
    expect(error(view, "name")).toBe("at least 2 characters");
    expect(error(view, "email")).toBeNull();
    await form.change({ user: { name: "Erin", email: "erin@" } });
    expect(error(view, "name")).toBeNull();
    expect(error(view, "email")).toBe("must be a valid email");

    await form.submit({ user: { name: "Erin", email: "erin@example.com" } });
    expect(saved(view)).toEqual(["Erin"]);
    // saved: the form starts over, without errors
    expect(view.find('input[name="user[name]"]')?.getAttribute("value")).toBe("");
    expect(view.find(".error")).toBeNull();

    await form.submit({ user: { name: "Erin", email: "erin@example.org" } });
    expect(error(view, "name")).toBe("is taken");
    expect(saved(view)).toEqual(["Erin"]);
    view.close();
  });
});
