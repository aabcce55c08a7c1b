/**
 * /colocated (E2E.ColocatedLive). Phoenix builds this page's extras at compile time: the
 * colocated hook and JS go into the bundle (client/colocated.ts, client/main.ts's
 * "colocated" profile), the colocated CSS into a stylesheet (COLOCATED_CSS, in the layout)
 * whose scoped rules match the `phx-css-*` / `phx-r` attributes HEEx puts on the roots of
 * each template, and the SyntaxHighlight macro component renders highlighted HTML (written
 * here already highlighted).
 */
import { defineView, html, raw } from "lagoon";

/** What Phoenix extracts into colocated.css: the global rule, and each scoped one inside its @scope. */
export const COLOCATED_CSS = `<style>
.test-global-css { background-color: rgb(255, 0, 0); }
@scope ([phx-css-blue]) to ([phx-r]) { .test-scoped-css { background-color: rgb(0, 0, 255); } }
@scope ([phx-css-yellow]) to ([phx-r]) { .test-scoped-css { background-color: rgb(255, 255, 0); } }
@scope ([phx-css-green]) to ([phx-r]) { .test-scoped-css { background-color: rgb(0, 255, 0); } }
@scope ([phx-css-exclusive]) to ([phx-r]) { .container:where(:scope) { display: flex; > * { flex: 1; } } }
@scope ([phx-css-inclusive]) to ([phx-r] > *) { .container:where(:scope) { display: flex; > * { flex: 1; } } }
.highlight { padding: 8px; border-radius: 4px; background-color: #272822; color: #f8f8f2; }
.highlight .nt { color: #f92672; } .highlight .na { color: #a6e22e; } .highlight .kd, .highlight .k { color: #66d9ef; } .highlight .s { color: #e6db74; }
</style>`;

// slot content written in the scoped template: its root belongs to that template's scope
const scopedRoot = (scope: string) => html`<span data-test-scoped="none" class="test-scoped-css" phx-r phx-css-blue=${scope === "blue"}>
          Should have no background (scope root)
          <span data-test-scoped="blue" class="test-scoped-css">
            Should have blue background
          </span>
        </span>`;

const MODULE_SOURCE = `<span class="kd">defmodule</span> <span class="nc">SyntaxHighlight</span> <span class="k">do</span>
  <span class="na">@behaviour</span> <span class="nc">Phoenix.Component.MacroComponent</span>
  <span class="na">@impl</span> <span class="no">true</span>
  <span class="kd">def</span> <span class="nf">transform</span>({<span class="s">"pre"</span>, attrs, children, _tag_meta}, _meta) <span class="k">do</span>
    code = <span class="nc">Phoenix.Component.MacroComponent</span>.ast_to_string(children)
    html_doc = highlight(<span class="nc">String</span>.trim_leading(code), lang)
    {<span class="ss">:ok</span>, {<span class="s">"pre"</span>, [{<span class="s">"class"</span>, <span class="s">"highlight"</span>} | attrs], [html_doc], %{}}}
  <span class="k">end</span>
<span class="k">end</span>`;

const CODE_SAMPLE = `<span class="kd">defmodule</span> <span class="nc">MyAppWeb.ThermostatLive</span> <span class="k">do</span>
  <span class="kn">use</span> <span class="nc">MyAppWeb</span>, <span class="ss">:live_view</span>

  <span class="kd">def</span> <span class="nf">render</span>(assigns) <span class="k">do</span>
    <span class="sx">~H"""</span>
    Current temperature: <span class="p">{</span><span class="na">@temperature</span><span class="p">}</span>°F
    <span class="p">&lt;</span><span class="nt">button</span> <span class="na">phx-click</span><span class="o">=</span><span class="s">"inc_temperature"</span><span class="p">&gt;</span>+<span class="p">&lt;/</span><span class="nt">button</span><span class="p">&gt;</span>
    <span class="sx">"""</span>
  <span class="k">end</span>

  <span class="kd">def</span> <span class="nf">mount</span>(_params, _session, socket) <span class="k">do</span>
    temperature = <span class="mi">70</span> <span class="c1"># Let's assume a fixed temperature for now</span>
    {<span class="ss">:ok</span>, assign(socket, <span class="ss">:temperature</span>, temperature)}
  <span class="k">end</span>

  <span class="kd">def</span> <span class="nf">handle_event</span>(<span class="s">"inc_temperature"</span>, _params, socket) <span class="k">do</span>
    {<span class="ss">:noreply</span>, update(socket, <span class="ss">:temperature</span>, <span class="o">&amp;</span>(<span class="ni">&amp;1</span> <span class="o">+</span> <span class="mi">1</span>))}
  <span class="k">end</span>
<span class="k">end</span>`;

const flexItems = (flex: boolean) =>
  [1, 2, 3].map(
    (x) => html`<p data-test-inclusive=${flex ? "yes" : "no"} phx-r>
      ${flex ? "Should" : "Shouldn't"} Flex ${x}
    </p>`,
  );

export const ColocatedLive = defineView<{ phone: string | null }>({
  name: "ColocatedLive",
  mount(_p, _s, socket) {
    socket.assign({ phone: null });
  },
  events: {
    "submit-phone": (p, socket) =>
      void socket.assign({ phone: String((p.user as Record<string, unknown> | undefined)?.phone_number ?? "") }),
    "push-js": (_p, socket) => void socket.pushEvent("js:exec", { cmd: JSON.stringify([["toggle", { to: "#hello" }]]) }),
  },
  render: (a) => html`<form phx-submit="submit-phone">
      <input type="text" name="user[phone_number]" id="user-phone-number" phx-hook="ColocatedLive.PhoneNumber" />
    </form>
    <p id="phone">${a.phone}</p>
    <div id="runtime" phx-hook="ColocatedLive.Runtime" style="display: none;">Runtime hook works!</div>
    <script data-phx-runtime-hook="ColocatedLive.Runtime">
      window["phx_hook_ColocatedLive.Runtime"] = function () {
        return {
          mounted() {
            this.js().show(this.el);
          },
        };
      };
    </script>
    <hr />
    <button phx-click="push-js">Push JS from server</button>
    <h1 id="hello">Hello!</h1>
    <hr />
    <pre class="highlight" language="elixir">${raw(MODULE_SOURCE)}</pre>
    <p data-test="global" class="test-global-css">Should have red background</p>
    <div phx-r phx-css-blue>
      <span data-test-scoped="blue" class="test-scoped-css">Should have blue background</span>
      ${scopedRoot("blue")}
      ${scopedRoot("blue")}
      <div phx-r phx-css-yellow>
      <span data-test-scoped="yellow" class="test-scoped-css">Should have yellow background</span>
      ${scopedRoot("blue")}
    </div>
      ${scopedRoot("blue")}
      <div phx-r phx-css-green>
      <span data-test-scoped="green" class="test-scoped-css">Should have green background</span>
      ${scopedRoot("blue")}
    </div>
    </div>
    <p data-test="scoped" class="test-scoped-css" phx-r>Should have no background (out of scope)</p>
    <div data-test-lower-bound-container class="container" phx-r phx-css-inclusive>
      ${flexItems(true)}
    </div>
    <div data-test-lower-bound-container class="container" phx-r phx-css-exclusive>
      ${flexItems(false)}
    </div>
    <pre class="highlight" language="elixir">${raw(CODE_SAMPLE)}</pre>`,
});
