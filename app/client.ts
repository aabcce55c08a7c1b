/** The demo's browser entry: Lagoon's client runtime, and the demo's stylesheet. */
import "./app.css";
import { createLiveSocket } from "lagoon/client";

createLiveSocket();
