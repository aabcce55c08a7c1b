/**
 * The README's TypeScript snippets compile: each ```ts / ```tsx block that names its file
 * on its first line (`// src/views/counter.ts`) is written there in a scratch app, and the
 * app is typechecked against Lagoon's entry points, as a user's app would be.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```(ts|tsx)\n\/\/ ([\w./-]+\.tsx?)[^\n]*\n([\s\S]*?)```/g)].map((m) => ({ file: m[2]!, code: m[3]! }));

describe("the README", () => {
  it("has snippets of a whole app", () => {
    expect(blocks.map((b) => b.file)).toEqual(
      expect.arrayContaining(["src/views/counter.ts", "src/islands/stepper.tsx", "test/counter.test.ts"]),
    );
  });

  it("snippets typecheck against lagoon's entry points", () => {
    const dir = join(root, ".cache", "readme-app");
    rmSync(dir, { recursive: true, force: true });
    for (const { file, code } of blocks) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), code);
    }
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: { noEmit: true, noUnusedLocals: false },
        include: ["src", "test"],
        exclude: [],
      }),
    );
    let out = "";
    try {
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], {
        encoding: "utf8",
      });
    } catch (error) {
      out = String((error as { stdout?: string }).stdout);
    }
    expect(out).toBe("");
  }, 60_000);
});
