/** The browser entry of the framework tests' fixture app: the client runtime and the component kit's styles. */
import "../../../components/components.css";
import { createLiveSocket } from "../../../hooks/index.js";

createLiveSocket();
