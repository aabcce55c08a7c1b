import { live } from "lagoon";
import { CounterLive } from "./views/counter.js";

export const routes = [live("/", CounterLive)];
