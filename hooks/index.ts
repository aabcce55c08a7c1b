/** `lagoon/client`: the browser runtime an app's client entry boots: `createLiveSocket({ hooks })`. */
export { createLiveSocket, hooks, type LiveSocketOptions } from "./live-socket.js";
export { S3, uploaders } from "./uploaders.js";
export type { ExternalEntry, Uploader } from "./uploader.js";
