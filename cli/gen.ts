/**
 * `lagoon gen live <Name> <field:type>...` (as `mix phx.gen.live`): a list + form live
 * view over a storage interface with an in-memory default, live across browsers through
 * PubSub, and its test.
 *
 *   lagoon gen live Note title:string body:text pinned:boolean stars:integer due:date
 *
 * writes src/<plural>/store.ts, src/views/<plural>.ts and test/<plural>.test.ts, and adds
 * the route `/<plural>` to src/routes.ts when that file has the generated shape.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const TYPES = ["string", "text", "integer", "number", "boolean", "date"] as const;
type FieldType = (typeof TYPES)[number];
interface Field {
  readonly name: string;
  readonly type: FieldType;
}

const IDENT = /^[a-z][A-Za-z0-9]*$/;

export function gen(args: string[]): number {
  const [kind, name, ...specs] = args;
  if (kind !== "live" || !name || specs.length === 0) {
    console.error(`usage: lagoon gen live <Name> <field:type>...  (types: ${TYPES.join(", ")})`);
    return 2;
  }
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    console.error(`lagoon gen live: the name must be PascalCase, like Note (got ${name})`);
    return 2;
  }
  const fields: Field[] = [];
  for (const spec of specs) {
    const [field, type] = spec.split(":");
    if (!field || !IDENT.test(field) || field === "id" || !TYPES.includes(type as FieldType)) {
      console.error(`lagoon gen live: "${spec}" is not field:type with a camelCase field and a type among ${TYPES.join(", ")}`);
      return 2;
    }
    fields.push({ name: field, type: type as FieldType });
  }
  const root = process.cwd();
  const names = naming(name);
  const files: [string, string][] = [
    [join("src", names.plural, "store.ts"), storeModule(names, fields)],
    [join("src", "views", `${names.plural}.ts`), viewModule(names, fields)],
    [join("test", `${names.plural}.test.ts`), testModule(names, fields)],
  ];
  const existing = files.filter(([file]) => existsSync(join(root, file)));
  if (existing.length) {
    console.error(`lagoon gen live: ${existing.map(([f]) => f).join(", ")} already exist; nothing was written`);
    return 1;
  }
  for (const [file, text] of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    console.log(`wrote ${file}`);
  }
  const routed = addRoute(root, names);
  console.log(
    routed
      ? `added live("/${names.plural}", ${names.view}) to src/routes.ts`
      : `add the route to your routes:\n  import { ${names.view} } from "./views/${names.plural}.js";\n  live("/${names.plural}", ${names.view}),`,
  );
  return 0;
}

interface Names {
  /** Note */
  readonly type: string;
  /** note */
  readonly singular: string;
  /** notes */
  readonly plural: string;
  /** NotesLive */
  readonly view: string;
}

function naming(name: string): Names {
  const singular = name[0]!.toLowerCase() + name.slice(1);
  const plural = /(s|x|z|ch|sh)$/.test(singular)
    ? `${singular}es`
    : /[^aeiou]y$/.test(singular)
      ? `${singular.slice(0, -1)}ies`
      : `${singular}s`;
  return { type: name, singular, plural, view: `${plural[0]!.toUpperCase()}${plural.slice(1)}Live` };
}

const tsType: Record<FieldType, string> = {
  string: "string",
  text: "string",
  integer: "number",
  number: "number",
  boolean: "boolean",
  date: "string",
};

/** The zod schema of a field as the form sends it (strings), parsed to its type. */
const schema: Record<FieldType, string> = {
  string: 'z.string().trim().min(1, "can\'t be blank").max(200)',
  text: "z.string().trim().max(5000)",
  integer: "z.coerce.number().int()",
  number: "z.coerce.number()",
  boolean: 'z.enum(["true", "false"]).transform((v) => v === "true")',
  date: "z.iso.date()",
};

/** What a form input shows for a stored value. */
const toInput: Record<FieldType, (v: string) => string> = {
  string: (v) => v,
  text: (v) => v,
  integer: (v) => `String(${v})`,
  number: (v) => `String(${v})`,
  boolean: (v) => `String(${v})`,
  date: (v) => v,
};

/** A value of each type its schema refuses, as typed into the form. */
const invalid: Record<FieldType, string> = {
  string: '""',
  text: '"x".repeat(5001)',
  integer: '"abc"',
  number: '"abc"',
  boolean: '"maybe"',
  date: '"not a date"',
};

/** A sample value of each type for the generated test, as typed into the form and as stored. */
const sample: Record<FieldType, [form: string, stored: string]> = {
  string: ['"First"', '"First"'],
  text: ['"Some words"', '"Some words"'],
  integer: ['"3"', "3"],
  number: ['"2.5"', "2.5"],
  boolean: ['"true"', "true"],
  date: ['"2026-12-01"', '"2026-12-01"'],
};

function storeModule(n: Names, fields: readonly Field[]): string {
  return `/**
 * Where ${n.plural} are kept: the interface the ${n.view} view uses, and an in-memory store
 * (the default). Put a database behind the same interface when ${n.plural} must outlive the process.
 */
export interface ${n.type} {
  readonly id: number;
${fields.map((f) => `  readonly ${f.name}: ${tsType[f.type]};`).join("\n")}
}

export type ${n.type}Input = Omit<${n.type}, "id">;

export interface ${n.type}Store {
  list(): ${n.type}[];
  get(id: number): ${n.type} | undefined;
  create(input: ${n.type}Input): ${n.type};
  update(id: number, input: ${n.type}Input): ${n.type} | undefined;
  remove(id: number): boolean;
}

export function memory${n.type}Store(): ${n.type}Store {
  const items = new Map<number, ${n.type}>();
  let next = 1;
  return {
    list: () => [...items.values()],
    get: (id) => items.get(id),
    create(input) {
      const item = { id: next++, ...input };
      items.set(item.id, item);
      return item;
    },
    update(id, input) {
      if (!items.has(id)) return undefined;
      const item = { id, ...input };
      items.set(id, item);
      return item;
    },
    remove: (id) => items.delete(id),
  };
}
`;
}

function input(n: Names, f: Field): string {
  const id = `${n.singular}_${f.name}`;
  const nameAttr = `${n.singular}[${f.name}]`;
  const label = f.name.replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase());
  const error = `\${a.form.error("${f.name}") ? html\`<p class="error" id="${id}_error">\${a.form.error("${f.name}")}</p>\` : ""}`;
  switch (f.type) {
    case "text":
      return `    <label for="${id}">${label}</label>
    <textarea id="${id}" name="${nameAttr}">\${a.form.values.${f.name}}</textarea>
    ${error}`;
    case "boolean":
      return `    <input type="hidden" name="${nameAttr}" value="false">
    <label><input type="checkbox" id="${id}" name="${nameAttr}" value="true" checked=\${a.form.values.${f.name} === "true"}> ${label}</label>
    ${error}`;
    default: {
      const type = f.type === "date" ? "date" : f.type === "integer" || f.type === "number" ? "number" : "text";
      const step = f.type === "number" ? ` step="any"` : "";
      return `    <label for="${id}">${label}</label>
    <input id="${id}" type="${type}"${step} name="${nameAttr}" value=\${a.form.values.${f.name}}>
    ${error}`;
    }
  }
}

function viewModule(n: Names, fields: readonly Field[]): string {
  const first = fields[0]!;
  return `/**
 * ${n.view}: the ${n.plural} as a stream, a form validated by its zod schema as the user
 * types, edit and delete; every change is broadcast on the "${n.plural}" topic, so every open
 * page follows.
 */
import { z } from "zod";
import { defineForm, defineView, event, EventRejected, html, type Form, type LiveStream, type Params, type ViewSocket } from "lagoon";
import { memory${n.type}Store, type ${n.type}, type ${n.type}Input, type ${n.type}Store } from "../${n.plural}/store.js";

export const ${n.type}Form = defineForm(
  z.object({
${fields.map((f) => `    ${f.name}: ${schema[f.type]},`).join("\n")}
  }),
  { name: "${n.singular}" },
);

const TOPIC = "${n.plural}";

type Change = { type: "saved"; item: ${n.type} } | { type: "deleted"; id: number };

interface Assigns {
  form: Form<${n.type}Input>;
  editing: number | null;
  pageTitle: string;
  streams: { ${n.plural}: LiveStream<${n.type}> };
}

type Socket = ViewSocket<Assigns>;

const Id = z.object({ id: z.coerce.number().int().positive() });

/** The values an item's edit form starts from. */
function values(item: ${n.type}): Record<string, string> {
  return { ${fields.map((f) => `${f.name}: ${toInput[f.type](`item.${f.name}`)}`).join(", ")} };
}

/** The view over \`store\` (in memory by default). */
export function ${n.plural}Live(store: ${n.type}Store = memory${n.type}Store()) {
  return defineView<Assigns>({
    name: "${n.view}",
    mount(_params, _session, socket) {
      if (socket.connected) socket.subscribe(TOPIC);
      socket.assign({ form: ${n.type}Form.empty(), editing: null, pageTitle: "${n.type}s" });
      socket.stream("${n.plural}", store.list());
    },
    events: {
      validate: (params: Params, socket: Socket) => {
        socket.assign({ form: ${n.type}Form.change(params) });
      },
      save: (params: Params, socket: Socket) => {
        const form = ${n.type}Form.submit(params);
        if (!form.data) return void socket.assign({ form });
        const editing = socket.assigns.editing;
        const item = editing === null ? store.create(form.data) : store.update(editing, form.data);
        if (!item) throw new EventRejected("not_found", "that ${n.singular} is gone");
        socket.assign({ form: ${n.type}Form.empty(), editing: null });
        socket.broadcast(TOPIC, { type: "saved", item } satisfies Change);
      },
      edit: event(Id, ({ id }, socket: Socket) => {
        const item = store.get(id);
        if (!item) throw new EventRejected("not_found", "that ${n.singular} is gone");
        socket.assign({ form: ${n.type}Form.empty(values(item)), editing: id });
      }),
      cancel: (_params: Params, socket: Socket) => {
        socket.assign({ form: ${n.type}Form.empty(), editing: null });
      },
      delete: event(Id, ({ id }, socket: Socket) => {
        if (!store.remove(id)) throw new EventRejected("not_found", "that ${n.singular} is gone");
        socket.broadcast(TOPIC, { type: "deleted", id } satisfies Change);
      }),
    },
    info(change: Change, socket) {
      if (change.type === "saved") socket.streamInsert("${n.plural}", change.item);
      else socket.streamDelete("${n.plural}", \`${n.plural}-\${change.id}\`);
    },
    render: (a) => html\`<main>
  <h1>${n.type}s</h1>
  <ul id="${n.plural}" phx-update="stream">\${a.streams.${n.plural}.map(
    (item, domId) => html\`<li id=\${domId}><span class="${n.singular}-${first.name}">\${String(item.${first.name})}</span>
      <button type="button" phx-click="edit" phx-value-id=\${item.id}>Edit</button>
      <button type="button" phx-click="delete" phx-value-id=\${item.id}>Delete</button></li>\`,
  )}</ul>
  <form id="${n.singular}-form" phx-change="validate" phx-submit="save">
    <h2>\${a.editing === null ? "New ${n.singular}" : "Edit ${n.singular}"}</h2>
${fields.map((f) => input(n, f)).join("\n")}
    <button type="submit">Save</button>
    \${a.editing === null ? "" : html\`<button type="button" phx-click="cancel">Cancel</button>\`}
  </form>
</main>\`,
  });
}

export const ${n.view} = ${n.plural}Live();
`;
}

function testModule(n: Names, fields: readonly Field[]): string {
  const first = fields[0]!;
  const filled = fields.map((f) => `${f.name}: ${sample[f.type][0]}`).join(", ");
  const stored = fields.map((f) => `${f.name}: ${sample[f.type][1]}`).join(", ");
  return `/** The generated ${n.view}: create, validate, edit, delete, and a second page following by PubSub. */
import { describe, expect, it } from "vitest";
import { live } from "lagoon";
import { visit } from "lagoon/testing";
import { memory${n.type}Store } from "../src/${n.plural}/store.js";
import { ${n.plural}Live } from "../src/views/${n.plural}.js";

function setup() {
  const store = memory${n.type}Store();
  return { store, routes: [live("/${n.plural}", ${n.plural}Live(store))] };
}

describe("${n.view}", () => {
  it("creates a ${n.singular} from the form, and another page shows it", async () => {
    const { store, routes } = setup();
    const view = await visit(routes, "/${n.plural}");
    const other = await visit(routes, "/${n.plural}");
    await view.form("#${n.singular}-form").submit({ ${n.singular}: { ${filled} } });
    expect(store.list()).toEqual([{ id: 1, ${stored} }]);
    expect(view.find("#${n.plural}-1")).not.toBeNull();
    expect(other.find("#${n.plural}-1")).not.toBeNull();
  });

  it("shows the schema's errors and stores nothing while the form is invalid", async () => {
    const { store, routes } = setup();
    const view = await visit(routes, "/${n.plural}");
    await view.form("#${n.singular}-form").submit({ ${n.singular}: { ${fields.map((f) => `${f.name}: ${invalid[f.type]}`).join(", ")} } });
    expect(view.find("#${n.singular}_${first.name}_error")).not.toBeNull();
    expect(store.list()).toEqual([]);
  });

  it("edits and deletes", async () => {
    const { store, routes } = setup();
    const item = store.create({ ${stored} });
    const view = await visit(routes, "/${n.plural}");
    await view.element(\`#${n.plural}-\${item.id} button\`, "Edit").click();
    expect(view.find("#${n.singular}-form h2")?.textContent).toBe("Edit ${n.singular}");
    await view.form("#${n.singular}-form").submit();
    expect(store.get(item.id)).toEqual(item);
    await view.element(\`#${n.plural}-\${item.id} button\`, "Delete").click();
    expect(store.list()).toEqual([]);
    expect(view.find(\`#${n.plural}-\${item.id}\`)).toBeNull();
  });
});
`;
}

/** Adds the route to a routes.ts of the shape \`lagoon create\` writes; false when it cannot. */
function addRoute(root: string, n: Names): boolean {
  const file = join(root, "src", "routes.ts");
  if (!existsSync(file)) return false;
  const text = readFileSync(file, "utf8");
  const list = /export const routes = \[([^\]]*)\];/.exec(text);
  if (!list) return false;
  const entry = `live("/${n.plural}", ${n.view})`;
  const entries = list[1]!.trim().replace(/,\s*$/, "");
  const updated =
    `import { ${n.view} } from "./views/${n.plural}.js";\n` +
    text.replace(list[0], `export const routes = [${entries ? `${entries}, ` : ""}${entry}];`);
  writeFileSync(file, updated);
  return true;
}
