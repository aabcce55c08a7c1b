/** CPU-heavy work in the worker pool: the result arrives later, and other views keep answering. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demo, type Demo } from "../support/demo.js";
import { countPrimes } from "../../app/work/primes.js";

let app: Demo;
beforeEach(async () => {
  app = await demo();
});
afterEach(() => app.close());

describe("primes in the worker pool (test client)", () => {
  it("counts off the event loop while another view stays responsive", async () => {
    expect(countPrimes(100)).toBe(25);
    const view = await app.visit("/primes");
    const counter = await app.visit("/counter");
    await view.form("#primes-form").submit({ limit: "40000000" });
    expect(view.find("#primes-result")?.textContent).toContain("Counting…");
    // the event loop is free: the counter answers while the count still runs
    await counter.element("button", "+").click();
    expect(counter.find("h1")?.textContent).toBe("Count: 1");
    await view.flush();
    expect(view.find("#primes-result")?.textContent).toContain("Counting…");
    await expect
      .poll(async () => (await view.flush(), view.find("#primes-result")?.textContent), { timeout: 30_000, interval: 100 })
      .toContain("2,433,654 primes up to 40,000,000");
  }, 60_000);

  it("refuses a limit that is not a number in range", async () => {
    const view = await app.visit("/primes");
    await expect(view.form("#primes-form").submit({ limit: "1e12" })).rejects.toMatchObject({ response: { reason: "invalid_params" } });
    await expect(view.form("#primes-form").submit({ limit: "abc" })).rejects.toMatchObject({ response: { reason: "invalid_params" } });
  });
});
