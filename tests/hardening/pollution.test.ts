/**
 * Prototype pollution and type smuggling through a real socket: `__proto__`, `constructor`,
 * `prototype` keys and nested objects where strings are expected, in event values, hook
 * payloads, form data, form meta, join payloads and URLs. Rejected or inert; nothing reaches
 * Object.prototype.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { hardeningRoutes } from "../support/views/hardening.js";
import { rendering, type Rendering } from "./helpers.js";
import { refusal, joinView, type Joined } from "../support/protocol.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer(hardeningRoutes());
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
});
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

const POISON = `{"polluted":"yes"}`;

async function echo(): Promise<{ j: Joined; view: Rendering; send(payloadJson: string): Promise<any> }> {
  const j = await joinView(server.url, "/echo");
  const view = rendering(j);
  let n = 0;
  return {
    j,
    view,
    // raw JSON text: a JS object literal would turn "__proto__" into a prototype, not a key
    async send(payloadJson) {
      const ref = `r${++n}`;
      const reply = j.client.waitFor((f) => f[1] === ref && f[3] === "phx_reply");
      j.client.sendRaw(`["${j.joinRef}","${ref}","${j.topic}","event",${payloadJson}]`);
      return view.apply((await reply)[4]);
    },
  };
}

/** What the `inspect` handler reported about the params it received. */
const seen = (view: Rendering) => JSON.parse(view.dom().querySelector("#seen")!.textContent);

describe("prototype pollution and type smuggling", () => {
  it("drops __proto__, constructor and prototype keys from click and hook values, at any depth", async () => {
    const { view, send, j } = await echo();
    const value = `{"__proto__":${POISON},"constructor":{"prototype":${POISON}},"prototype":${POISON},"text":"ok","nested":{"__proto__":${POISON},"deeper":[{"__proto__":${POISON}}]}}`;
    expect((await send(`{"type":"click","event":"inspect","value":${value}}`)).status).toBe("ok");
    expect(seen(view)).toEqual({ keys: ["nested", "text"], plainPrototype: true, polluted: null });
    expect((await send(`{"type":"hook","event":"inspect","value":${value}}`)).status).toBe("ok");
    expect(seen(view)).toEqual({ keys: ["nested", "text"], plainPrototype: true, polluted: null });
    // a hook payload that is not an object arrives wrapped, still sanitised
    expect((await send(`{"type":"hook","event":"inspect","value":[{"__proto__":${POISON}}]}`)).status).toBe("ok");
    expect(seen(view)).toEqual({ keys: ["value"], plainPrototype: true, polluted: null });
    await j.client.close();
  });

  it("drops dangerous keys from form data and form meta, whatever the bracket path", async () => {
    const { view, send, j } = await echo();
    const form = [
      "__proto__[polluted]=yes",
      "constructor[prototype][polluted]=yes",
      "prototype[polluted]=yes",
      "a[__proto__][polluted]=yes",
      "a[constructor][prototype][polluted]=yes",
      "b[][__proto__][polluted]=yes",
      "__proto__=yes",
      "text=ok",
    ]
      .map((pair) => pair.replace(/\[/g, "%5B").replace(/\]/g, "%5D"))
      .join("&");
    const reply = await send(`{"type":"form","event":"inspect","value":"${form}","meta":{"__proto__":${POISON},"extra":"m"}}`);
    expect(reply.status).toBe("ok");
    expect(seen(view)).toEqual({ keys: ["a", "b", "extra", "text"], plainPrototype: true, polluted: null });
    await j.client.close();
  });

  it("rejects nested objects, arrays and numbers where a schema expects a string, and changes nothing", async () => {
    const { view, send, j } = await echo();
    expect((await send(`{"type":"click","event":"say","value":{"text":"before"}}`)).status).toBe("ok");
    const smuggled = [
      `{"text":{"toString":"x"}}`,
      `{"text":["a"]}`,
      `{"text":42}`,
      `{"text":null}`,
      `{"text":{"__proto__":"x"}}`,
      `{"__proto__":{"text":"via prototype"}}`,
      `{}`,
    ];
    for (const value of smuggled) {
      const reply = await send(`{"type":"click","event":"say","value":${value}}`);
      expect(refusal(reply)?.reason, value).toBe("invalid_params");
    }
    // forms: the bracket rules can build objects and lists where the schema wants a string
    for (const form of ["msg%5Btext%5D%5Bnested%5D=x", "msg%5Btext%5D%5B%5D=a", "msg=x", "msg%5B__proto__%5D%5Btext%5D=x"]) {
      const reply = await send(`{"type":"form","event":"typed","value":"${form}"}`);
      expect(refusal(reply)?.reason, form).toBe("invalid_params");
    }
    expect(view.dom().querySelector("#text")!.textContent).toBe("before");
    await j.client.close();
  });

  it("ignores dangerous keys in join payloads, frames and URLs", async () => {
    const j = await joinView(server.url, "/echo?__proto__[polluted]=yes&constructor[prototype][polluted]=yes&text=first", {});
    expect(j.reply[4].status).toBe("ok");
    expect(rendering(j).dom().querySelector("#text")!.textContent).toBe("first");
    // a second join on the same topic with poisoned extras
    const page = j.page;
    const joinRef = "poisoned";
    const reply = j.client.waitFor((f) => f[1] === joinRef);
    j.client.sendRaw(
      JSON.stringify([joinRef, joinRef, j.topic, "phx_join", {}]).replace(
        "{}",
        `{"url":"${server.url}/echo?__proto__=x&text=second","session":"${page.session}","params":{"__proto__":${POISON},"_mounts":0},"flash":{"__proto__":${POISON}},"__proto__":${POISON}}`,
      ),
    );
    expect((await reply)[4].status).toBe("ok");
    const heartbeat = j.client.waitFor((f) => f[1] === "hb");
    j.client.sendRaw(`[null,"hb","phoenix","heartbeat",{"__proto__":${POISON}}]`);
    expect((await heartbeat)[4]).toEqual({ status: "ok", response: {} });
    // live patch with poisoned query keys
    const patched = await j.client.push(joinRef, j.topic, "live_patch", {
      url: `${server.url}/echo?__proto__[x]=1&constructor=2&text=patched`,
    });
    expect(patched[4].status).toBe("ok");
    expect(JSON.stringify(patched[4].response.diff)).toContain("patched");
    // the HTTP render
    const res = await fetch(`${server.url}/echo?__proto__[polluted]=yes&__proto__.polluted=yes&text=http`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<p id="text">http</p>');
    await j.client.close();
  });
});
