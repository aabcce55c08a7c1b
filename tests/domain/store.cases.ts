/**
 * The demo's domain layer against one store: the conformance cases both stores pass.
 * sqlite.test.ts and postgres.test.ts each call `storeCases` with a way to make a fresh,
 * empty database of their store; every case opens it (migrating and seeding it) like a
 * server process would, and some open it twice, as two processes sharing it.
 */
import { describe, expect, it } from "vitest";
import { MemoryPubSub, type PubSub } from "lagoon";
import { Accounts, type User } from "../../app/accounts.js";
import { Catalog } from "../../app/catalog.js";
import { Chat } from "../../app/chat.js";
import { openDb, type Db, type DbOptions } from "../../app/db.js";
import { MIGRATIONS } from "../../app/migrations.js";
import { Posts } from "../../app/posts.js";
import { CHANGED, MIN_GAP, Todos, type Todo } from "../../app/todos.js";

export interface StoreUnderTest {
  /** A new empty database of the store. */
  fresh(): Promise<DbOptions>;
}

/** One process's view of the database: its own connection(s) and domain objects. */
interface Process {
  readonly db: Db;
  readonly accounts: Accounts;
  readonly todos: Todos;
  readonly chat: Chat;
  readonly catalog: Catalog;
  readonly posts: Posts;
}

async function open(options: DbOptions, pubsub: PubSub = new MemoryPubSub()): Promise<Process> {
  const db = await openDb(options);
  return {
    db,
    accounts: new Accounts(db),
    todos: new Todos(db, pubsub),
    chat: new Chat(db, pubsub),
    catalog: new Catalog(db),
    posts: new Posts(db),
  };
}

const PASSWORD = "a long enough password";

/** Up to three processes; a case asking for fewer leaves the rest unused. */
type Processes = [Process, Process, Process];

function ok<R extends { ok: boolean }>(r: R): Extract<R, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<R, { ok: true }>;
}

export function storeCases(name: string, store: StoreUnderTest): void {
  /** Runs `fn` with `n` processes on one fresh database, closing them after. */
  async function withProcesses(n: number, fn: (ps: Processes, options: DbOptions) => Promise<void>): Promise<void> {
    const options = await store.fresh();
    const ps: Process[] = [];
    try {
      // opened together: they race to migrate the empty database
      ps.push(...(await Promise.all(Array.from({ length: n }, () => open(options)))));
      await fn(ps as Processes, options);
    } finally {
      await Promise.all(ps.map((p) => p.db.close()));
    }
  }
  const one = (fn: (p: Process) => Promise<void>) => withProcesses(1, ([p]) => fn(p));
  const user = async (p: Process, email: string): Promise<User> => (await p.accounts.byEmail(email))!;

  describe(`the demo's domain on ${name}`, () => {
    describe("migrations", () => {
      it("migrate and seed an empty database once, even when several processes start together", () =>
        withProcesses(3, async ([a, b], options) => {
          const applied = await a.db.all<{ id: string }>("select id from schema_migrations order by id");
          expect(applied.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
          expect(await a.catalog.count()).toBe(432);
          expect((await a.db.all("select id from users")).length).toBe(2);
          // opening again (a restart) changes nothing
          const again = await open(options);
          await again.db.close();
          expect(await b.db.all<{ id: string }>("select id from schema_migrations order by id")).toEqual(applied);
          expect(await b.catalog.count()).toBe(432);
        }));
    });

    describe("accounts", () => {
      it("register, authenticate ignoring the email's case, and refuse a taken email", () =>
        one(async (p) => {
          const carol = ok(await p.accounts.register({ name: "Carol", email: "carol@example.com", password: PASSWORD }));
          expect(await p.accounts.authenticate("CAROL@example.com", PASSWORD)).toEqual(carol.user);
          expect(await p.accounts.authenticate("carol@example.com", "wrong password!")).toBeNull();
          expect(await p.accounts.register({ name: "Other", email: "Carol@Example.com", password: PASSWORD })).toEqual({
            ok: false,
            errors: { email: "has already been taken" },
          });
        }));

      it("keep display names unique ignoring case and compatibility forms", () =>
        one(async (p) => {
          for (const [i, taken] of ["alice", "ALICE", "ａｌｉｃｅ", " Alice "].entries()) {
            expect(await p.accounts.nameTaken(taken)).toBe(true);
            expect(await p.accounts.register({ name: taken.trim(), email: `a${i}@example.com`, password: PASSWORD })).toEqual({
              ok: false,
              errors: { name: "has already been taken" },
            });
          }
          expect(await p.accounts.nameTaken("Alicia")).toBe(false);
        }));

      it("let one of two simultaneous registrations of a name win, from two processes", () =>
        withProcesses(2, async ([a, b]) => {
          const results = await Promise.all([
            a.accounts.register({ name: "Dana", email: "dana1@example.com", password: PASSWORD }),
            b.accounts.register({ name: "DANA", email: "dana2@example.com", password: PASSWORD }),
          ]);
          expect(results.filter((r) => r.ok)).toHaveLength(1);
          expect(results.find((r) => !r.ok)).toEqual({ ok: false, errors: { name: "has already been taken" } });
        }));
    });

    describe("todos", () => {
      it("keep private todos to their owner", () =>
        one(async (p) => {
          const [alice, bob] = [await user(p, "alice@example.com"), await user(p, "bob@example.com")];
          const secret = ok(await p.todos.create(alice, { title: "secret", private: true })).todo;
          ok(await p.todos.create(bob, { title: "team" }));
          expect((await p.todos.visible(alice)).map((t) => t.title)).toEqual(["secret", "team"]);
          expect((await p.todos.visible(bob)).map((t) => t.title)).toEqual(["team"]);
          expect(await p.todos.get(bob, secret.id)).toBeNull();
          for (const attempt of [
            p.todos.toggle(bob, secret.id),
            p.todos.rename(bob, secret.id, "mine now"),
            p.todos.remove(bob, secret.id),
            p.todos.move(bob, secret.id, "done", 0),
          ]) {
            expect(await attempt).toMatchObject({ ok: false, reason: "not_found" });
          }
          expect(await p.todos.get(alice, secret.id)).toMatchObject({ title: "secret", done: false, version: 1 });
        }));

      it("detect an edit that lost a race: the loser is told, with the current todo, and nothing is lost", () =>
        withProcesses(2, async ([a, b]) => {
          const alice = await user(a, "alice@example.com");
          const bob = await user(b, "bob@example.com");
          const todo = ok(await a.todos.create(alice, { title: "Draft" })).todo;
          // both started editing version 1; they save at the same moment, from two processes
          const [first, second] = await Promise.all([
            a.todos.rename(alice, todo.id, "Alice's title", todo.version),
            b.todos.rename(bob, todo.id, "Bob's title", todo.version),
          ]);
          const won = [first, second].filter((r) => r.ok);
          const lost = [first, second].filter((r) => !r.ok);
          expect(won).toHaveLength(1);
          expect(lost).toEqual([{ ok: false, reason: "conflict", error: CHANGED, current: (won[0] as { todo: Todo }).todo }]);
          const stored = (await a.todos.get(alice, todo.id))!;
          expect(stored).toMatchObject({ title: (won[0] as { todo: Todo }).todo.title, version: 2 });
          // the loser saves again on top of the version it was shown
          const retry = await b.todos.rename(bob, todo.id, "Bob's title", stored.version);
          expect(ok(retry).todo).toMatchObject({ title: "Bob's title", version: 3 });
        }));

      it("lose no toggle when many land at once, and refuse a toggle of a version already changed", () =>
        withProcesses(2, async ([a, b]) => {
          const alice = await user(a, "alice@example.com");
          const todo = ok(await a.todos.create(alice, { title: "Flip" })).todo;
          // 20 unconditional toggles from two processes: each is one atomic change
          await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).todos.toggle(alice, todo.id)));
          expect(await a.todos.get(alice, todo.id)).toMatchObject({ done: false, version: 21 });
          expect(await b.todos.toggle(alice, todo.id, 1)).toMatchObject({ ok: false, reason: "conflict", current: { version: 21 } });
          expect(ok(await b.todos.toggle(alice, todo.id, 21)).todo).toMatchObject({ done: true, version: 22 });
        }));

      it("refuse NUL, blank and over-long titles", () =>
        one(async (p) => {
          const alice = await user(p, "alice@example.com");
          expect(await p.todos.create(alice, { title: "a\u0000b" })).toEqual({
            ok: false,
            reason: "invalid",
            error: "can't contain NUL characters",
          });
          expect(await p.todos.create(alice, { title: "  " })).toMatchObject({ ok: false, error: "can't be blank" });
          expect(await p.todos.create(alice, { title: "x".repeat(201) })).toMatchObject({ ok: false, reason: "invalid" });
          const todo = ok(await p.todos.create(alice, { title: "fine" })).todo;
          expect(await p.todos.rename(alice, todo.id, "bad\u0000")).toMatchObject({ ok: false, reason: "invalid" });
          expect(await p.todos.visible(alice)).toEqual([todo]);
        }));
    });

    describe("board order", () => {
      it("keeps the order through 60 moves into the same slot, renumbering before midpoints collapse", () =>
        one(async (p) => {
          const alice = await user(p, "alice@example.com");
          for (const title of ["first", "second"]) ok(await p.todos.create(alice, { title }));
          const moved: string[] = [];
          for (let i = 0; i < 60; i++) {
            const title = `card ${i}`;
            const todo = ok(await p.todos.create(alice, { title })).todo;
            // always between "first" and whatever card went there last: the gap halves each time
            ok(await p.todos.move(alice, todo.id, "todo", 1));
            moved.unshift(title);
          }
          const column = await p.todos.visible(alice);
          expect(column.map((t) => t.title)).toEqual(["first", ...moved, "second"]);
          const positions = column.map((t) => t.position);
          for (let i = 1; i < positions.length; i++) expect(positions[i]! - positions[i - 1]!).toBeGreaterThanOrEqual(MIN_GAP);
        }));

      it("moves across columns and within one, from two processes at once, keeping every card once", () =>
        withProcesses(2, async ([a, b]) => {
          const alice = await user(a, "alice@example.com");
          const ids: number[] = [];
          for (let i = 0; i < 6; i++) ids.push(ok(await a.todos.create(alice, { title: `t${i}` })).todo.id);
          await Promise.all(ids.map((id, i) => (i % 2 ? a : b).todos.move(alice, id, i < 3 ? "done" : "todo", 0)));
          const all = await a.todos.visible(alice);
          expect(all.map((t) => t.id).sort()).toEqual([...ids].sort());
          expect(
            all
              .filter((t) => t.done)
              .map((t) => t.id)
              .sort(),
          ).toEqual(ids.slice(0, 3).sort());
          expect(new Set(all.map((t) => `${t.done} ${t.position}`)).size).toBe(6);
          // a move within its column keeps the version (an edit open meanwhile is not refused); across, it changes
          expect(all.find((t) => t.id === ids[4])!.version).toBe(1);
          expect(all.find((t) => t.id === ids[0])!.version).toBe(2);
        }));
    });

    describe("chat", () => {
      it("keeps the last 50 messages in order, lets only the author delete, and refuses NUL", () =>
        one(async (p) => {
          const [alice, bob] = [await user(p, "alice@example.com"), await user(p, "bob@example.com")];
          for (let i = 1; i <= 55; i++) ok(await p.chat.post(alice, "lobby", `m${i}`));
          const recent = await p.chat.recent("lobby");
          expect(recent.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i + 6}`));
          expect(recent[0]).toMatchObject({ room: "lobby", userId: alice.id, userName: "Alice" });
          expect(typeof recent[0]!.createdAt).toBe("number");
          const last = recent[49]!;
          expect(await p.chat.remove(bob, "lobby", last.id)).toEqual({ ok: false, error: "only the author can delete a message" });
          ok(await p.chat.remove(alice, "lobby", last.id));
          expect((await p.chat.recent("lobby")).at(-1)!.body).toBe("m54");
          expect(await p.chat.post(alice, "lobby", "nul\u0000here")).toEqual({ ok: false, error: "can't contain NUL characters" });
          expect(await p.chat.post(alice, "../etc", "hi")).toEqual({ ok: false, error: "no such room" });
        }));
    });

    describe("catalog and posts", () => {
      it("search ignoring case, with LIKE wildcards matched literally", () =>
        one(async (p) => {
          const kettles = await p.catalog.search("KETTLE blue");
          expect(kettles.length).toBeGreaterThan(0);
          expect(kettles.every((k) => /Kettle \(Blue\)/.test(k.name) && k.category === "Kitchen")).toBe(true);
          expect(typeof kettles[0]!.priceCents).toBe("number");
          expect(await p.catalog.search("%")).toEqual([]);
          expect(await p.catalog.search("_")).toEqual([]);
          expect((await p.catalog.search("e")).length).toBe(50);
        }));

      it("list posts both ways and get one by id", () =>
        one(async (p) => {
          const newest = await p.posts.list("newest");
          expect(newest).toHaveLength(8);
          expect((await p.posts.list("oldest")).map((x) => x.id)).toEqual(newest.map((x) => x.id).reverse());
          expect(await p.posts.get(newest[0]!.id)).toEqual({ ...newest[0], tags: [], links: [] });
          expect(await p.posts.get(99_999)).toBeNull();
        }));

      it("replace a post's title, tags and links at once, and refuse what the editor would", () =>
        one(async (p) => {
          const [post] = await p.posts.list("newest");
          const saved = await p.posts.update(post!.id, {
            title: "Edited",
            tags: ["tech", "news", "tech"],
            links: [
              { title: "B", url: "https://b.example" },
              { title: "A", url: "https://a.example" },
            ],
          });
          expect(saved).toMatchObject({
            ok: true,
            post: { title: "Edited", tags: ["news", "tech"], links: [{ title: "B" }, { title: "A" }] },
          });
          await p.posts.update(post!.id, { title: "Edited again", tags: [], links: [{ title: "Only", url: "https://o.example" }] });
          expect(await p.posts.get(post!.id)).toMatchObject({ title: "Edited again", tags: [], links: [{ title: "Only" }] });
          expect(
            await p.posts.update(post!.id, { title: "Bad", tags: [], links: [{ title: "x", url: "javascript:alert(1)" }] }),
          ).toMatchObject({
            ok: false,
          });
          expect(await p.posts.update(post!.id, { title: "N\0UL", tags: [], links: [] })).toMatchObject({ ok: false });
          expect(await p.posts.update(99_999, { title: "Nobody", tags: [], links: [] })).toEqual({ ok: false, error: "no such post" });
          expect((await p.posts.get(post!.id))?.title).toBe("Edited again");
        }));
    });
  });
}
