/**
 * The domain's conformance cases on SQLite, each on a new file (several connections to one
 * file stand in for several processes), and the upgrade of a file an older build made.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../app/db.js";
import { MIGRATIONS } from "../../app/migrations.js";
import { storeCases } from "./store.cases.js";

const dir = mkdtempSync(join(tmpdir(), "lagoon-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeCases("SQLite", { fresh: async () => ({ file: join(dir, `db${++n}.sqlite`) }) });

describe("a SQLite file from before schema_migrations", () => {
  it("is brought forward in place: its rows are kept and only the newer migrations run", async () => {
    const file = join(dir, "legacy.sqlite");
    // what the previous build left: its two migrations (numbered by user_version), seeded, with data
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!.sqlite!);
    old.exec(MIGRATIONS[2]!.sqlite!);
    old.exec(`insert into users (name, email, password_hash, created_at) values ('Alice', 'alice@example.com', 'x', 1), ('ALICE', 'other@example.com', 'x', 2);
      insert into products (name, category, price_cents) values ('Old Mug', 'Kitchen', 100);
      insert into todos (owner_id, title, position, created_at) values (1, 'kept', 1, 1);
      pragma user_version = 2;`);
    old.close();

    const db = await openDb({ file });
    try {
      expect((await db.all<{ id: string }>("select id from schema_migrations order by id")).map((r) => r.id)).toEqual(
        MIGRATIONS.map((m) => m.id),
      );
      // not seeded again
      expect(await db.all("select name from products")).toEqual([{ name: "Old Mug" }]);
      expect(await db.get("select title, version from todos")).toEqual({ title: "kept", version: 1 });
      // names that clashed before the rule keep their accounts, with keys that no longer clash
      expect(await db.all("select name, name_key from users order by id")).toEqual([
        { name: "Alice", name_key: "alice" },
        { name: "ALICE", name_key: "alice#2" },
      ]);
    } finally {
      await db.close();
    }
  });
});
