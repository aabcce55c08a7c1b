/**
 * Where a slot's live HTML sits in an island's markup (see slots.ts): the DOM ids and the
 * portal selector the server render writes and the browser reads. No React here, so the
 * hook's runtime (hooks/island-props.ts) reads slots without loading React.
 */
/** DOM id of the element holding a slot's content (the portal's root). */
export function slotContentId(island: string, slot: string): string {
  return `${island}-s-${slot}`;
}

/** DOM id of the slot's portal template. */
export function slotTemplateId(island: string, slot: string): string {
  return `${island}-slot-${slot}`;
}

/** DOM id of the hidden element that holds slot content React does not show. */
export function parkId(island: string): string {
  return `${island}-park`;
}

/** The portal's target: the island's placeholder for the slot when React rendered it, else the park. */
export function slotSelector(island: string, slot: string): string {
  return `[data-island-slot="${island}:${slot}"], [id="${parkId(island)}"]`;
}

/** The slots a container's view filled, by its portal templates (the browser's view of the markup). */
export function filledSlots(container: Element): Record<string, string> {
  const prefix = slotTemplateId(container.id, "");
  const slots: Record<string, string> = {};
  for (const t of container.querySelectorAll(":scope > template[data-phx-portal]"))
    if (t.id.startsWith(prefix)) slots[t.id.slice(prefix.length)] = "";
  return slots;
}
