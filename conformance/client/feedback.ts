/**
 * The `phx-feedback-for` shim of the /form/feedback page's layout: LiveView 1.0 dropped
 * phx-feedback-for; apps keep it with a `dom` option that marks a feedback element
 * `phx-no-feedback` while none of the inputs it names has been used. This is Lagoon's own
 * version of that shim, passed as the LiveSocket's `dom` option.
 */
import { isUsedInput } from "phoenix_live_view";

export function feedbackDom() {
  let touched: Element[] = [];
  // after an input or submit every feedback element is checked: the patch may have skipped some
  let interacted = false;

  const refresh = (root: ParentNode, elements?: Iterable<Element>) => {
    for (const el of elements ?? root.querySelectorAll("[phx-feedback-for]")) {
      const name = el.getAttribute("phx-feedback-for");
      const inputs = name === null ? [] : Array.from(root.querySelectorAll(`[name="${CSS.escape(name)}"], [name="${CSS.escape(name)}[]"]`));
      const used = inputs.some((input) => isUsedInput(input as HTMLInputElement));
      el.classList.toggle("phx-no-feedback", name !== null && !used);
    }
  };

  window.addEventListener("reset", () => refresh(document));
  window.addEventListener("submit", () => (interacted = true));
  window.addEventListener("input", () => (interacted = true));

  return {
    onPatchStart() {
      touched = [];
    },
    onNodeAdded(node: Node) {
      if (node instanceof Element && node.hasAttribute("phx-feedback-for")) touched.push(node);
    },
    onBeforeElUpdated(from: Element, to: Element) {
      if (from.hasAttribute("phx-feedback-for") || to.hasAttribute("phx-feedback-for")) touched.push(from, to);
    },
    onPatchEnd(container: Element) {
      refresh(container, touched);
      if (interacted) {
        refresh(container);
        interacted = false;
      }
    },
  };
}
