/**
 * The browser's copy of island contracts (vite/browser-contract.ts): the transform on its
 * own, then the module it makes run as the browser would run it, then the plugin's browser
 * and server builds of one contract. (The apps' sources below import their own files with
 * single quotes, so tests/structure.test.ts does not read them as this file's imports.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build, createServer, parseAst, type Rollup } from "vite";
import { browserContracts } from "../../vite/browser-contract.js";
import { lagoon } from "../../vite/index.js";

const transform = (code: string) => browserContracts(code, (text) => parseAst(text));

const CONTRACT = `import { z } from "zod/mini";
import { defineIsland, Link } from "lagoon/islands/contract";

const Label = z.string().check(z.minLength(1));
// only the props use these two, one through the other
const Id = z.int().check(z.positive());
const Row = z.object({ id: Id, title: z.string() });
export const Shared = z.array(z.string()).check(z.maxLength(3));
const kept = [Link];

export const Shelf = defineIsland("Shelf", {
  props: z.object({ rows: z.array(Row), label: Label }),
  events: { rename: { payload: z.object({ label: Label }), reply: z.object({ length: z.int() }) } },
  commands: { flash: z.object({ text: z.string() }) },
  streams: { log: z.object({ line: z.string() }) },
  samples: { "two rows": { rows: [{ id: 1, title: "ünïcødé 🌊" }, { id: 2, title: "b" }], label: "Shelf" } },
  replies: { rename: ({ label }) => ({ length: label.length }) },
  fallback: "Loading the shelf",
  slots: ["header"],
});
`;

describe("browserContracts", () => {
  it("keeps what the browser reads of a contract, and the constants it uses", () => {
    const out = transform(CONTRACT)!;
    for (const gone of ["props:", "streams:", "samples:", "replies:", "fallback:", "const Id", "const Row", "ünïcødé"])
      expect(out).not.toContain(gone);
    for (const kept of ['"Shelf"', "events:", "commands:", 'slots: ["header"]', "const Label", "export const Shared", "const kept"])
      expect(out).toContain(kept);
    expect(out).toContain('import { islandContract as defineIsland } from "lagoon/islands/contract";');
  });

  it("blanks what it drops: every line keeps its length, and the rest of the text its place", () => {
    const out = transform(CONTRACT)!;
    const lines = CONTRACT.split("\n");
    const outLines = out.split("\n").slice(0, lines.length);
    expect(outLines.map((l) => l.length)).toEqual(lines.map((l) => l.length));
    const events = CONTRACT.indexOf("events:");
    expect(out.slice(events, CONTRACT.indexOf("streams:"))).toBe(CONTRACT.slice(events, CONTRACT.indexOf("streams:")));
  });

  it("follows a renamed import, and leaves other imports of the entry alone", () => {
    const out = transform(`import { Link, defineIsland as island } from "lagoon/islands/contract";
import { z } from "zod/mini";
export const A = island("A", { props: z.object({}), events: { go: z.string() } });
export { Link };
`)!;
    expect(out).toMatch(/^import \{ Link, +\} from "lagoon\/islands\/contract";/);
    expect(out).toContain('import { islandContract as island } from "lagoon/islands/contract";');
    expect(out).not.toContain("props");
  });

  it("leaves modules that do not import defineIsland from lagoon/islands/contract by name", () => {
    expect(transform(`import { defineIsland } from './contract.js';\nexport const A = defineIsland("A", { props: x });\n`)).toBeUndefined();
    expect(
      transform(`import * as c from "lagoon/islands/contract";\nexport const A = c.defineIsland("A", { props: x });\n`),
    ).toBeUndefined();
    expect(transform(`export const text = "no contract here";\n`)).toBeUndefined();
  });

  describe("the module it makes", () => {
    const dir = mkdtempSync(join(process.cwd(), ".cache", "browser-contract-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("runs, with the events, commands and slots the browser parses with", async () => {
      const file = join(dir, "shelf.contract.mjs");
      writeFileSync(file, transform(CONTRACT)!);
      const { Shelf, Shared } = (await import(/* @vite-ignore */ file)) as Record<string, any>;
      expect(Shelf.name).toBe("Shelf");
      expect(Shelf.props).toBeUndefined();
      expect(Shelf.samples).toEqual({});
      expect(Shelf.streams).toEqual({});
      expect(Shelf.slots).toEqual(["header"]);
      expect(Shelf.events.rename.payload.safeParse({ label: "" }).success).toBe(false);
      expect(Shelf.events.rename.reply.safeParse({ length: 2 }).success).toBe(true);
      expect(Shelf.commands.flash.safeParse({ text: "hi" }).success).toBe(true);
      expect(Shared.safeParse(["a"]).success).toBe(true);
    });
  });
});

describe("the Lagoon Vite plugin", () => {
  const root = mkdtempSync(join(process.cwd(), ".cache", "browser-contract-app-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, "src", "islands"), { recursive: true });
  writeFileSync(join(root, "src", "client.ts"), `import { createLiveSocket } from "lagoon/client";\ncreateLiveSocket();\n`);
  writeFileSync(
    join(root, "src", "islands", "marker.contract.ts"),
    `import { z } from "zod/mini";
import { defineIsland } from "lagoon/islands/contract";
export const Marker = defineIsland("Marker", {
  props: z.object({ propsOnlyField: z.string() }),
  events: { ping: z.object({ eventField: z.string() }) },
  samples: { one: { propsOnlyField: "sampleText" } },
});
`,
  );
  writeFileSync(
    join(root, "src", "islands", "marker.tsx"),
    `import type { IslandProps } from "lagoon/islands/contract";
import { Marker } from './marker.contract.js';
export { Marker as contract };
export default function MarkerIsland({ props }: IslandProps<typeof Marker>) {
  return <p>{props.propsOnlyField}</p>;
}
`,
  );
  const resolve = { conditions: ["lagoon-source", "module", "browser", "development|production"] };

  it("builds the browser's contracts without the props' schemas or the samples", async () => {
    const out = (await build({
      root,
      configFile: false,
      logLevel: "silent",
      mode: "production",
      plugins: [lagoon()],
      resolve,
      build: { write: false, minify: false },
    })) as Rollup.RollupOutput;
    const browser = out.output.flatMap((c) => (c.type === "chunk" ? [c.code] : [])).join("\n");
    expect(browser).toContain("eventField");
    expect(browser).toContain('"Marker"');
    expect(browser).not.toContain("propsOnlyField:");
    expect(browser).not.toContain("sampleText");
  });

  it("serves the browser's copy to the browser in development, and the whole contract to the server", async () => {
    const server = await createServer({
      root,
      configFile: false,
      logLevel: "silent",
      plugins: [lagoon()],
      resolve,
      ssr: { resolve: { conditions: ["lagoon-source", "module", "node"], externalConditions: ["lagoon-source"] } },
      server: { middlewareMode: true, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    try {
      const file = join(root, "src", "islands", "marker.contract.ts");
      const client = await server.environments.client.transformRequest(file);
      const ssr = await server.environments.ssr.transformRequest(file);
      expect(client?.code).toContain("eventField");
      expect(client?.code).not.toContain("sampleText");
      expect(ssr?.code).toContain("sampleText");
    } finally {
      await server.close();
    }
  });
});
