/** A React island: the step is its own state; "Add" sends a typed event to the view. */
import { useState } from "react";
import type { IslandProps } from "lagoon/islands/contract";
import { Stepper } from "./stepper.contract.js";

export { Stepper as contract };

export default function StepperIsland({ props, emit, connected }: IslandProps<typeof Stepper>) {
  const [step, setStep] = useState(2);
  return (
    <section className="stepper">
      <p>
        The server says <output>{props.count}</output>.
      </p>
      <label>
        Step <input type="number" min={1} max={10} value={step} onChange={(e) => setStep(Number(e.target.value) || 1)} />
      </label>{" "}
      <button type="button" disabled={!connected} onClick={() => void emit("add", { by: step })}>
        Add {step}
      </button>
    </section>
  );
}
