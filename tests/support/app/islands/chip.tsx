/** The Chip fixture island: counts its renders in `window.__chips` (by label) and shows its useId. */
import { useId } from "react";
import type { IslandProps } from "../../../../islands/contract-entry.js";
import { Chip } from "./chip.contract.js";

export { Chip as contract };

export default function ChipIsland({ props }: IslandProps<typeof Chip>) {
  const id = useId();
  if (typeof window !== "undefined") {
    const renders = ((window as unknown as { __chips?: Record<string, number> }).__chips ??= {});
    renders[props.label] = (renders[props.label] ?? 0) + 1;
  }
  return (
    <span className="chip" data-use-id={id}>
      {props.label}
    </span>
  );
}
