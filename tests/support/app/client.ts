/** The browser entry of the framework tests' fixture app. */
import { createLiveSocket } from "../../../hooks/index.js";

createLiveSocket();
