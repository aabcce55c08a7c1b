/** The demo's browser entry: Lagoon's client runtime, the component kit's styles and the demo's own. */
import "lagoon/components.css";
import "./app.css";
import { createLiveSocket } from "lagoon/client";

createLiveSocket();
