/** `lagoon test`: the app's tests with Vitest, then its own `N passed, N failed` line. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function test(root: string, args: string[]): number {
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  if (!existsSync(vitest)) {
    console.error("lagoon test: Vitest is missing: npm install --save-dev vitest");
    return 1;
  }
  mkdirSync(join(root, "node_modules", ".cache"), { recursive: true });
  const report = join(root, "node_modules", ".cache", "lagoon-test-report.json");
  const run = spawnSync(
    process.execPath,
    [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  let passed = 0;
  let failed = 0;
  try {
    const r = JSON.parse(readFileSync(report, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numRuntimeErrorTestSuites?: number;
    };
    passed = r.numPassedTests;
    failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  } catch {
    failed = 1;
  }
  if (run.status !== 0 && failed === 0) failed = 1;
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}
