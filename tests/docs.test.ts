/**
 * Every public name has a doc comment an editor shows: each name exported by an entry point
 * of package.json "exports", and each field of an exported type users fill in (options,
 * props, limits, config). Read with the TypeScript compiler, as an editor reads them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

/** Exported types whose fields users set: each field needs a doc comment of its own (with its default). */
const USER_SET = /(Options|Props|Limits|Config)$/;

interface Entry {
  /** The import specifier: `lagoon/server`. */
  readonly name: string;
  readonly file: string;
}

/** The package's entry points, as the "lagoon-source" condition resolves them in this repository. */
function entryPoints(): Entry[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown> };
  return Object.entries(pkg.exports).flatMap(([subpath, target]) => {
    const source = typeof target === "object" && target !== null ? (target as Record<string, unknown>)["lagoon-source"] : undefined;
    return typeof source === "string" ? [{ name: pkg.name + subpath.slice(1), file: join(root, source) }] : [];
  });
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const { options, errors } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, root);
  if (errors.length) throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, "\n")).join("\n"));
  return { ...options, noEmit: true, customConditions: ["lagoon-source"] };
}

function documented(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== "";
}

/** Declared in this project, not by a dependency (whose fields we cannot document). */
function ours(symbol: ts.Symbol): boolean {
  const declarations = symbol.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.some((d) => !d.getSourceFile().fileName.includes("/node_modules/"));
}

/** `entry: Name` for each export without a doc comment, `entry: Name.field` for each user-set field without one. */
function undocumented(entries: readonly Entry[], options: ts.CompilerOptions): string[] {
  const program = ts.createProgram(
    entries.map((e) => e.file),
    options,
  );
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  for (const entry of entries) {
    const source = program.getSourceFile(entry.file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${entry.name}: ${entry.file} is not a module the compiler can read`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!documented(symbol, checker)) missing.push(`${entry.name}: ${exported.name}`);
      if (!USER_SET.test(exported.name) || !(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
      for (const field of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
        if (ours(field) && !documented(field, checker)) missing.push(`${entry.name}: ${exported.name}.${field.name}`);
      }
    }
  }
  return missing;
}

describe("doc comments", () => {
  const entries = entryPoints();

  it("document every exported name, and every field of the options and props types", () => {
    expect(undocumented(entries, compilerOptions())).toEqual([]);
  }, 120_000);

  describe("the check itself", () => {
    const dir = mkdtempSync(join(tmpdir(), "lagoon-docs-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("names an undocumented export, re-export and option field", () => {
      writeFileSync(
        join(dir, "index.ts"),
        [
          "/** Documented. */",
          "export const shown = 1;",
          "export function bare(): void {}",
          "/** Options of something. */",
          "export interface ThingOptions {",
          "  /** Documented. */",
          "  kept?: number;",
          "  forgotten?: number;",
          "}",
          'export { other } from "./other.js";',
        ].join("\n"),
      );
      writeFileSync(join(dir, "other.ts"), "export const other = 2;\n");
      const missing = undocumented([{ name: "fixture", file: join(dir, "index.ts") }], compilerOptions());
      expect(missing.sort()).toEqual(["fixture: ThingOptions.forgotten", "fixture: bare", "fixture: other"]);
    }, 60_000);
  });
});
