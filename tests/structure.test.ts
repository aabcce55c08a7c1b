/**
 * The framework's shape, read from its imports: no import cycles (type imports count),
 * lower layers never import upper ones, and no framework file imports the demo; and the
 * framework's tests run on their own fixture views, never on the demo; and the apps (the
 * demo, the conformance app, the create command's template) reach the framework only
 * through the package's entry points, as a user's app must.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const FRAMEWORK = ["shell", "components", "server", "islands", "hooks", "vite", "cli"];

function files(dir: string): string[] {
  const abs = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === "templates" ? [] : files(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Relative imports (static, type-only and dynamic) of a file, resolved to repository paths; bare specifiers as they are. */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)|^import\s+"([^"]+)"/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3]!,
  );
  return specs.map((spec) => {
    if (!spec.startsWith(".")) return spec;
    const target = relative(root, resolve(dirname(join(root, file)), spec));
    for (const candidate of [target.replace(/\.js$/, ".ts"), target.replace(/\.js$/, ".tsx"), target]) {
      try {
        if (statSync(join(root, candidate)).isFile()) return candidate;
      } catch {
        // try the next spelling
      }
    }
    return target;
  });
}

const graph = new Map(FRAMEWORK.flatMap(files).map((f) => [f, imports(f)] as const));

describe("the framework's imports", () => {
  it("has no cycles", () => {
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...stack.slice(stack.indexOf(file)), file].join(" -> "));
        return;
      }
      state.set(file, "visiting");
      stack.push(file);
      for (const dep of graph.get(file) ?? []) if (graph.has(dep)) visit(dep);
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file);
    expect(cycles).toEqual([]);
  });

  it("keeps the layers: shell knows no transport, islands no server, the browser runtime no core", () => {
    const offending: string[] = [];
    for (const [file, deps] of graph) {
      const layer = file.split("/")[0]!;
      for (const dep of deps) {
        const target = dep.split("/")[0]!;
        const bad =
          (layer === "shell" && (["server", "islands", "hooks", "components"].includes(target) || /^(hono|@hono\/|ws$|react)/.test(dep))) ||
          (layer === "islands" && target === "server") ||
          // the kit is copyable into an app: it uses lagoon's public API only
          (layer === "components" && target !== "components" && dep !== "shell/index.ts") ||
          (layer === "hooks" && (target === "shell" || target === "server"));
        if (bad) offending.push(`${file} imports ${dep}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("never imports the demo application", () => {
    const offending = [...graph].flatMap(([file, deps]) => deps.filter((d) => d.startsWith("app/")).map((d) => `${file} imports ${d}`));
    expect(offending).toEqual([]);
  });
});

/** Tests of the framework; the demo's are tests/app and tests/domain. */
const FRAMEWORK_TESTS = ["shell", "server", "islands", "browser", "hardening", "scaling", "components", "vite"].map((d) => `tests/${d}`);
/** What serves or logs into the demo. */
const DEMO_SUPPORT = ["tests/support/server.ts", "tests/support/demo.ts", "tests/support/login.ts"];

describe("the framework's tests", () => {
  it("run on fixture views: nothing they import reaches the demo, and they start no demo process", () => {
    const offending: string[] = [];
    for (const test of FRAMEWORK_TESTS.flatMap(files)) {
      // the test and the test support it reaches, transitively
      const seen = new Set<string>();
      const walk = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const dep of imports(file)) {
          if (dep.startsWith("app/") || DEMO_SUPPORT.includes(dep)) offending.push(`${test} reaches ${dep} (through ${file})`);
          else if (dep.startsWith("tests/")) walk(dep);
        }
      };
      walk(test);
      if (/\bstartAppProcess\(/.test(readFileSync(join(root, test), "utf8"))) offending.push(`${test} starts the demo (startAppProcess)`);
    }
    expect(offending).toEqual([]);
  });
});

/** Apps built on Lagoon in this repository: each is only its own files and the packages it imports. */
const APPS = ["app", "conformance", "cli/templates/app"];
const ENTRY_POINTS = new Set(
  Object.keys((JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, string> }).exports).map(
    (k) => "lagoon" + k.slice(1),
  ),
);

describe("the apps", () => {
  it("import the framework through the package's entry points only, and nothing outside their own folder by path", () => {
    const offending: string[] = [];
    for (const app of APPS) {
      for (const file of files(app)) {
        for (const dep of imports(file)) {
          const own = dep === app || dep.startsWith(app + "/");
          const bare =
            !dep.includes("/") || !/^(\.|app|conformance|cli|shell|server|islands|hooks|components|vite|tests|bench)\//.test(dep);
          if (dep.startsWith("lagoon") && !ENTRY_POINTS.has(dep)) offending.push(`${file} imports ${dep}, not an entry point`);
          else if (!own && !bare) offending.push(`${file} imports ${dep} by path`);
        }
        // the repository's own export condition maps lagoon onto its source folders
        if (readFileSync(join(root, file), "utf8").includes("lagoon-source")) offending.push(`${file} resolves lagoon to its sources`);
      }
    }
    expect(files("app").length).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });

  it("are tested as a user tests theirs: the demo's tests, and the test support they reach, use the framework's entry points", () => {
    const offending: string[] = [];
    const tests = ["tests/app", "tests/domain"].flatMap(files);
    const seen = new Set<string>();
    const walk = (test: string, file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const dep of imports(file)) {
        if (/^(shell|server|islands|hooks|components|vite|cli)\//.test(dep))
          offending.push(`${file} imports ${dep} by path (reached from ${test})`);
        else if (dep.startsWith("lagoon") && !ENTRY_POINTS.has(dep)) offending.push(`${file} imports ${dep}, not an entry point`);
        else if (dep.startsWith("tests/")) walk(test, dep);
      }
    };
    for (const test of tests) walk(test, test);
    expect(tests.length).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });

  it("take no configuration or styles from the framework's folders: a tsconfig extends, a stylesheet imports, only their own files", () => {
    const offending: string[] = [];
    const configs = (dir: string): string[] =>
      readdirSync(join(root, dir)).flatMap((name) => {
        const path = join(dir, name);
        if (name === "node_modules" || name === "dist") return [];
        if (statSync(join(root, path)).isDirectory()) return configs(path);
        return /\.(json|css)$/.test(name) ? [path] : [];
      });
    let read = 0;
    for (const app of APPS) {
      for (const file of configs(app)) {
        read++;
        const text = readFileSync(join(root, file), "utf8");
        const refs = [...text.matchAll(/"extends"\s*:\s*"([^"]+)"|@import\s+(?:url\()?["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]!);
        for (const ref of refs) {
          if (!ref.startsWith(".")) continue;
          const target = relative(root, resolve(dirname(join(root, file)), ref));
          if (target !== app && !target.startsWith(app + "/")) offending.push(`${file} reaches ${target}`);
        }
      }
    }
    expect(read).toBeGreaterThan(3);
    expect(offending).toEqual([]);
  });
});
