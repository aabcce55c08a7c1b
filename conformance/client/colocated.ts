/**
 * The colocated hooks of the suite's pages. Phoenix extracts `<script :type={ColocatedHook}>`
 * into a bundle at compile time and names each hook after its module; here they are
 * written once in the bundle, under the names the pages' `phx-hook` attributes use.
 */
import type { HooksOptions } from "phoenix_live_view";

export const colocatedHooks: HooksOptions = {};
