/** The whole project type-checks (strict), including the type-level tests' @ts-expect-error lines. */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("typescript", () => {
  it("tsc --noEmit passes", () => {
    let output = "";
    try {
      execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 120_000);
});
