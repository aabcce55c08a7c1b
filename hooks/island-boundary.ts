/**
 * Around an island's component: a render that throws (hydrating, rendering anew, or on new
 * props) leaves the page with the HTML it showed, marked `data-island-error="render"` on the
 * island root, while the view and every other island go on. (React reports the error to the
 * root's onCaughtError, which island-root.ts logs and reports.)
 */
import { Component, type ReactNode } from "react";

interface BoundaryProps {
  /** The island root React renders into. */
  readonly root: HTMLElement;
  readonly onFailed: () => void;
  readonly children?: ReactNode;
}

/**
 * Catches what the component throws. Its render with the error (before React removes the
 * island's DOM) copies that DOM; once React committed the empty boundary, the copy goes back
 * in place, outside React's tree, where nothing renders over it again.
 */
export class IslandBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };
  #shown: Node[] | undefined;

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    this.#shown ??= [...this.props.root.childNodes].map((node) => node.cloneNode(true));
    return null;
  }

  override componentDidCatch(): void {
    const { root } = this.props;
    if (this.#shown) root.replaceChildren(...this.#shown);
    root.setAttribute("data-island-error", "render");
    this.props.onFailed();
  }
}
