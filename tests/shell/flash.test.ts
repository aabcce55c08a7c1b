/** shell/flash.ts: a view's flash, what marks it changed, and its seal for the next mount. */
import { describe, expect, it } from "vitest";
import { FlashState } from "../../shell/flash.js";

describe("FlashState", () => {
  it("starts from the flash the mount carried, unchanged, and copies it", () => {
    const carried = { info: "Welcome" };
    const flash = new FlashState(carried);
    flash.put("error", "Oops");
    expect(flash.current).toEqual({ info: "Welcome", error: "Oops" });
    expect(carried).toEqual({ info: "Welcome" });
    expect(new FlashState(undefined).current).toEqual({});
    expect(new FlashState(carried).changed).toBe(false);
  });

  it("is changed by a put or a clear that removes something, and not by a clear of nothing", () => {
    const flash = new FlashState({ info: "a", error: "b" });
    flash.clear("warning");
    flash.clear("toString");
    expect(flash.changed).toBe(false);
    flash.clear("info");
    expect(flash.current).toEqual({ error: "b" });
    expect(flash.changed).toBe(true);

    const empty = new FlashState(undefined);
    empty.clear();
    expect(empty.changed).toBe(false);
    empty.put("info", 42 as unknown as string);
    expect(empty.current).toEqual({ info: "42" });
    empty.clear();
    expect(empty.current).toEqual({});
    expect(empty.changed).toBe(true);
  });

  it("seals a flash for the next mount, and nothing when empty", () => {
    const sign = (flash: object) => `signed:${JSON.stringify(flash)}`;
    expect(new FlashState({ info: "Saved" }).token(sign)).toBe('signed:{"info":"Saved"}');
    expect(new FlashState(undefined).token(sign)).toBeUndefined();
  });
});
