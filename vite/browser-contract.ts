/**
 * The browser's copy of island contracts, a transform of the modules the Lagoon Vite plugin
 * builds for the browser. The browser reads a contract's name, events (a payload is checked
 * before it is sent, a reply parsed), commands (parsed on arrival) and slots; the server
 * alone parses props and stream items, answers with the samples and replies in its gallery
 * and renders the fallback. So in a module that imports `defineIsland` from
 * lagoon/islands/contract, each `defineIsland(name, { ... })` loses those members, and the
 * module's top-level constants that only they used: the browser does not build their
 * schemas, nor load the zod code only they need. The module calls `islandContract` instead,
 * which skips defineIsland's checks: the server made them as it imported the same module.
 *
 * What goes is blanked, not cut: every line and column stays where it was, so the module's
 * source map holds (the new import goes at the end; imports are hoisted).
 */

const SOURCE = "lagoon/islands/contract";
/** The members of a contract the browser never reads. */
const SERVER_ONLY = new Set(["props", "streams", "samples", "replies", "fallback"]);
/** The owner of a reference inside a dropped member. */
const DROPPED = "\0dropped";

/** An ESTree node, as Vite's parser (`this.parse`) returns it: offsets count UTF-16 units. */
interface Node {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [key: string]: unknown;
}
type Range = readonly [start: number, end: number];

/**
 * `code` with its contracts cut down to what the browser reads (see the module comment), or
 * undefined when it calls no defineIsland of lagoon/islands/contract by a named import.
 */
export function browserContracts(code: string, parse: (code: string) => unknown): string | undefined {
  if (!code.includes("defineIsland")) return undefined;
  const body = (parse(code) as Node).body as Node[];
  const imports = body.filter((n) => n.type === "ImportDeclaration" && (n.source as Node).value === SOURCE);
  const specifiers = imports.flatMap((d) => (d.specifiers as Node[]).map((s, i, all) => ({ s, next: all[i + 1] })));
  const defines = specifiers.filter(({ s }) => s.type === "ImportSpecifier" && keyName(s.imported as Node) === "defineIsland");
  if (defines.length === 0) return undefined;
  const locals = new Set(defines.map(({ s }) => (s.local as Node).name as string));
  // each specifier with the comma after it; the last one leaves the comma before it, a trailing comma
  const blanks: Range[] = defines.map(({ s, next }) => [s.start, next ? next.start : s.end]);
  const members: Range[] = [];
  for (const statement of body) {
    walk(statement, (node) => {
      if (node.type !== "CallExpression") return;
      const callee = node.callee as Node;
      const spec = (node.arguments as Node[])[1];
      if (callee.type !== "Identifier" || !locals.has(callee.name as string) || spec?.type !== "ObjectExpression") return;
      const properties = spec.properties as Node[];
      properties.forEach((p, i) => {
        if (p.type === "Property" && !p.computed && SERVER_ONLY.has(keyName(p.key as Node)))
          members.push([p.start, properties[i + 1]?.start ?? p.end]);
      });
    });
  }
  const statements = deadConstants(body, members);
  const imported = [...locals].map((local) => `islandContract as ${local}`).join(", ");
  return `${blank(code, [...blanks, ...members], statements)}\nimport { ${imported} } from ${JSON.stringify(SOURCE)};\n`;
}

/**
 * The top-level constants (not exported) that only the dropped members used, directly or
 * through one another. A constant nothing used is left alone: it is there for its effect.
 */
function deadConstants(body: readonly Node[], dropped: readonly Range[]): Range[] {
  const constants = new Map<string, Node>();
  for (const statement of body) {
    const declarators = statement.type === "VariableDeclaration" ? (statement.declarations as Node[]) : [];
    const id = declarators.length === 1 ? (declarators[0]!.id as Node) : undefined;
    if (id?.type === "Identifier") constants.set(id.name as string, statement);
  }
  if (constants.size === 0 || dropped.length === 0) return [];
  // the names each part of the module refers to: a constant's initializer, the dropped members, the rest ("")
  const uses = new Map<string, Set<string>>();
  for (const statement of body) {
    const own = [...constants].find(([, s]) => s === statement)?.[0] ?? "";
    walk(statement, (node, parent, key) => {
      if ((node.type !== "Identifier" && node.type !== "JSXIdentifier") || !isReference(parent, key)) return;
      const owner = dropped.some(([start, end]) => node.start >= start && node.end <= end) ? DROPPED : own;
      if (!uses.has(owner)) uses.set(owner, new Set());
      uses.get(owner)!.add(node.name as string);
    });
  }
  const reached = (roots: string[]) => {
    const seen = new Set<string>();
    const todo = roots.flatMap((r) => [...(uses.get(r) ?? [])]);
    for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
      if (seen.has(name)) continue;
      seen.add(name);
      todo.push(...(uses.get(name) ?? []));
    }
    return seen;
  };
  const before = reached(["", DROPPED]);
  const after = reached([""]);
  return [...constants].filter(([name]) => before.has(name) && !after.has(name)).map(([, s]) => [s.start, s.end]);
}

/** Whether an identifier at `key` of `parent` names a binding's value (when unsure: yes, which keeps more). */
function isReference(parent: Node | undefined, key: string): boolean {
  if (!parent) return true;
  if (parent.type === "MemberExpression" && key === "property") return !!parent.computed;
  if ((parent.type === "Property" || parent.type === "MethodDefinition" || parent.type === "PropertyDefinition") && key === "key")
    return !!parent.computed;
  return !(parent.type === "VariableDeclarator" && key === "id");
}

function keyName(key: Node): string {
  return key.type === "Identifier" ? (key.name as string) : String(key.value);
}

function walk(node: Node, visit: (node: Node, parent: Node | undefined, key: string) => void, parent?: Node, key = ""): void {
  visit(node, parent, key);
  for (const [k, value] of Object.entries(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (typeof child === "object" && child !== null && typeof (child as Node).type === "string") walk(child as Node, visit, node, k);
    }
  }
}

/** `code` with `ranges` as spaces (line breaks kept), and `statements` as an empty statement. */
function blank(code: string, ranges: readonly Range[], statements: readonly Range[]): string {
  const chars = code.split("");
  const clear = ([start, end]: Range) => {
    for (let i = start; i < end; i++) if (chars[i] !== "\n" && chars[i] !== "\r") chars[i] = " ";
  };
  ranges.forEach(clear);
  for (const range of statements) {
    clear(range);
    // a statement without its semicolon may have ended the one before it (ASI)
    chars[range[0]] = ";";
  }
  return chars.join("");
}
