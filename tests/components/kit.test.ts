/** The component kit driven through the test client: the modal, flash, form and table of the /kit fixture. */
import { describe, expect, it } from "vitest";
import { visit, type LiveViewTest } from "../../shell/testing/index.js";
import { jsRouter } from "../support/views/js.js";

const shown = (view: LiveViewTest, sel: string) => view.find(sel)?.getAttribute("style") !== "display: none";
const pushes = (view: LiveViewTest) => view.messages.filter((m) => m.kind === "reply").length;

describe("modal", () => {
  it("is a hidden, labelled dialog until opened", async () => {
    const view = await visit(jsRouter, "/kit");
    const dialog = view.find('[role="dialog"]')!;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(view.find(`#${dialog.getAttribute("aria-labelledby")}`)?.textContent).toBe("Really?");
    expect(dialog.getAttribute("phx-hook")).toBe("Phoenix.FocusWrap");
    expect(shown(view, "#confirm")).toBe(false);
  });

  it("opens without a round trip, takes focus, and Esc cancels it: onCancel runs, focus goes back", async () => {
    const view = await visit(jsRouter, "/kit");
    const before = pushes(view);
    await view.element("#open-confirm").click();
    expect(pushes(view)).toBe(before);
    expect(shown(view, "#confirm")).toBe(true);
    expect(view.focused()?.textContent).toBe("Cancel");
    expect(view.find("#confirm-container")?.hasAttribute("phx-window-keydown")).toBe(true);

    await view.keydown("Escape");
    expect(shown(view, "#confirm")).toBe(false);
    expect(view.find("#counts")?.textContent).toBe("confirmed 0, cancelled 1");
    expect(view.focused()?.id).toBe("open-confirm");
    expect(view.find("#confirm-container")?.hasAttribute("phx-window-keydown")).toBe(false);
  });

  it("does nothing on Esc while closed", async () => {
    const view = await visit(jsRouter, "/kit");
    const before = pushes(view);
    await view.keydown("Escape");
    expect(pushes(view)).toBe(before);
    expect(view.find("#counts")?.textContent).toBe("confirmed 0, cancelled 0");
  });

  it("closes on Cancel, on the close button and on a click outside it", async () => {
    const view = await visit(jsRouter, "/kit");
    await view.element("#open-confirm").click();
    await view.element("#confirm button", "Cancel").click();
    expect(shown(view, "#confirm")).toBe(false);
    await view.element("#open-confirm").click();
    await view.element('#confirm button[aria-label="Close"]').click();
    expect(shown(view, "#confirm")).toBe(false);
    await view.element("#open-confirm").click();
    await view.element("#oops").click();
    expect(shown(view, "#confirm")).toBe(false);
    expect(view.find("#counts")?.textContent).toBe("confirmed 0, cancelled 3");
  });

  it("sends its action's event and closes, keeping closed through the render that follows", async () => {
    const view = await visit(jsRouter, "/kit");
    await view.element("#open-confirm").click();
    await view.element("#confirm button", "Yes").click();
    expect(view.find("#counts")?.textContent).toBe("confirmed 1, cancelled 0");
    expect(shown(view, "#confirm")).toBe(false);
    expect(view.focused()?.id).toBe("open-confirm");
  });
});

describe("flashGroup", () => {
  it("shows each message in a live region and closes it at once, then the server clears it", async () => {
    const view = await visit(jsRouter, "/kit");
    await view.element("#oops").click();
    const flash = view.find("#flashes-error")!;
    expect(view.find("#flashes")?.getAttribute("aria-live")).toBe("polite");
    expect(flash.getAttribute("role")).toBe("alert");
    expect(flash.textContent).toBe("Something <b>went</b> wrong");
    await view.element("#flashes-error button", "").click();
    expect(view.find("#flashes-error")).toBeNull();
  });
});

describe("input, simpleForm and table", () => {
  it("shows an error only once the field is used, linked to its input", async () => {
    const view = await visit(jsRouter, "/kit");
    expect(view.find("#person_name")?.getAttribute("aria-invalid")).toBeUndefined();
    expect(view.find(".lagoon-error")).toBeNull();
    await view.form("#person-form").change({ person: { name: "A" } });
    const name = view.find("#person_name")!;
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(view.find(`#${name.getAttribute("aria-describedby")}`)?.textContent).toBe("should be at least 2 characters");
    expect(view.find('label[for="person_name"]')?.textContent).toBe("Name");
    expect(view.find("#person_role option[selected]")?.getAttribute("value")).toBe("dev");
  });

  it("submits, and the table's stream gets the new row", async () => {
    const view = await visit(jsRouter, "/kit");
    expect(view.find("#people")?.getAttribute("phx-update")).toBe("stream");
    expect(view.find("table thead th")?.getAttribute("scope")).toBe("col");
    await view.form("#person-form").submit({ person: { name: "Grace", role: "ops" } });
    const rows = view
      .dom()
      .querySelectorAll("#people tr")
      .map((tr) => tr.querySelectorAll("td").map((td) => td.textContent));
    expect(rows).toEqual([
      ["Ada", "dev"],
      ["Grace", "ops"],
    ]);
    expect(view.find("#flashes-info")?.textContent).toBe("Added Grace");
  });
});
