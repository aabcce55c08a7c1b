/** `lagoon/client`: the browser runtime an app's client entry boots: `createLiveSocket({ hooks })`. */
export { createLiveSocket, hooks, type LiveSocketOptions } from "./live-socket.js";
