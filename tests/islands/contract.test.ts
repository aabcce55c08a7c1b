/**
 * Island contracts: what defineIsland accepts, and the types that flow from a contract.
 * The type-level half is checked by tsc (tests/typecheck.test.ts): each `@ts-expect-error`
 * line must fail to compile, or tsc reports the directive as unused.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { ViewSocket } from "../../shell/index.js";
import {
  defineIsland,
  pushCommand,
  island,
  islandEvents,
  type Emit,
  type EventPayload,
  type EventReply,
  type IslandProps,
  type On,
  type PropsOf,
} from "../../islands/index.js";
import { Dial } from "../support/app/islands/dial.contract.js";

describe("defineIsland", () => {
  it("returns a frozen contract with its schemas, empty maps for what it omits", () => {
    const props = z.object({ n: z.number() });
    const c = defineIsland("Plain", { props });
    expect(c.name).toBe("Plain");
    expect(c.props).toBe(props);
    expect(c.events).toEqual({});
    expect(c.commands).toEqual({});
    expect(c.samples).toEqual({});
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("refuses names that cannot be island or event names, and values that are not schemas", () => {
    const props = z.object({});
    expect(() => defineIsland("lower", { props })).toThrow(/PascalCase/);
    expect(() => defineIsland("Has Space", { props })).toThrow(/PascalCase/);
    expect(() => defineIsland("X", { props: {} as never })).toThrow(/props must be a zod schema/);
    expect(() => defineIsland("X", { props, events: { "bad name": z.object({}) } })).toThrow(/event name "bad name"/);
    expect(() => defineIsland("X", { props, events: { e: { payload: z.object({}) } as never } })).toThrow(/event "e"/);
    expect(() => defineIsland("X", { props, commands: { c: "no" as never } })).toThrow(/command "c"/);
  });
});

describe("contract types", () => {
  it("give the component its parsed props and typed emit / on", () => {
    expectTypeOf<PropsOf<typeof Dial>>().toEqualTypeOf<{ count: number; label: string }>();
    expectTypeOf<IslandProps<typeof Dial>["connected"]>().toEqualTypeOf<boolean>();
    expectTypeOf<EventPayload<typeof Dial, "add">>().toEqualTypeOf<{ by: number }>();
    // an event without a reply schema resolves with nothing; rename has a typed reply
    expectTypeOf<EventReply<typeof Dial, "add">>().toEqualTypeOf<void>();
    expectTypeOf<EventReply<typeof Dial, "rename">>().toEqualTypeOf<{ label: string; length: number }>();
  });

  it("reject wrong payloads, unknown events and commands at compile time", () => {
    // never called: the body exists for the type checker
    const typeOnly = (emit: Emit<typeof Dial>, on: On<typeof Dial>, socket: ViewSocket<{ count: number }>) => {
      void emit("add", { by: 2 });
      void emit("rename", { label: "x" }).then((reply) => expectTypeOf(reply.length).toEqualTypeOf<number>());
      // @ts-expect-error wrong payload type
      void emit("add", { by: "2" });
      // @ts-expect-error missing field
      void emit("add", {});
      // @ts-expect-error unknown event
      void emit("remove", { by: 1 });
      // @ts-expect-error the payload of another event
      void emit("rename", { by: 1 });

      on("flash", ({ message }) => expectTypeOf(message).toEqualTypeOf<string>());
      // @ts-expect-error unknown command
      on("shake", () => {});

      pushCommand(socket, Dial, "tally", "flash", { message: "hi" });
      // @ts-expect-error wrong command payload
      pushCommand(socket, Dial, "tally", "flash", { message: 42 });
      // @ts-expect-error unknown command
      pushCommand(socket, Dial, "tally", "shake", {});

      island(Dial, { id: "t", props: { count: 1, label: "x" } });
      // @ts-expect-error props of the wrong shape
      island(Dial, { id: "t", props: { count: "1", label: "x" } });
      // @ts-expect-error unknown load strategy
      island(Dial, { id: "t", props: { count: 1, label: "x" }, load: "later" });

      islandEvents(Dial, {
        add: ({ by }) => expectTypeOf(by).toEqualTypeOf<number>(),
        rename: ({ label }) => ({ label, length: label.length }),
      });
      islandEvents(Dial, {
        add: () => {},
        // @ts-expect-error the reply does not match the contract's reply schema
        rename: () => ({ label: 1, length: "x" }),
      });
      // @ts-expect-error a handler is missing
      islandEvents(Dial, { add: () => {} });
    };
    expect(typeof typeOnly).toBe("function");
  });
});
