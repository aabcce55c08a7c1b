/** The demo's counter page through the test client. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo, type Demo } from "../support/demo.js";

let app: Demo;
beforeAll(async () => {
  app = await demo();
});
afterAll(() => app.close());

describe("/counter (test client)", () => {
  it("renders Count: 0 first, then follows clicks", async () => {
    const view = await app.visit("/counter");
    expect(view.staticHtml).toContain("<h1>Count: 0</h1>");
    await view.element("button", "+").click();
    await view.element("button", "+").click();
    expect(view.find("h1")?.textContent).toBe("Count: 2");
    await view.element("button", "-").click();
    expect(view.find("h1")?.textContent).toBe("Count: 1");
    await view.element("button", "Reset").click();
    expect(view.find("h1")?.textContent).toBe("Count: 0");
    expect(view.title).toBe("Counter");
  });
});
