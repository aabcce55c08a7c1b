/**
 * `lagoon/components`: a core component kit, like the core components Phoenix generates
 * into an app, shipped as a module. Import it, or copy a file into your app and change
 * it: each one imports only `lagoon` (here ../shell/index.js). Styles: lagoon/components.css.
 */
export { button, type ButtonProps, type ButtonVariant } from "./button.js";
export { flashGroup, type FlashGroupOptions } from "./flash-group.js";
export { header, type HeaderProps } from "./header.js";
export { icon, type IconName, type IconOptions } from "./icon.js";
export { input, type InputProps, type InputType, type SelectOption } from "./input.js";
export { link, type LinkProps, type LinkTarget } from "./link.js";
export { list, type ListItem } from "./list.js";
export { cancelModal, hideModal, modal, showModal, type ModalProps } from "./modal.js";
export { classList, type PassThrough } from "./rest.js";
export { simpleForm, type SimpleFormProps } from "./simple-form.js";
export { table, type Column, type TableProps } from "./table.js";
export { FADE_IN, FADE_OUT, hideWithTransition, RISE_IN, RISE_OUT, showWithTransition, TRANSITION_MS } from "./transitions.js";
