/**
 * The build's scripts and styles, gzipped once at zlib's best level beside each file
 * (`client-Ab12.js.gz`): the server sends that copy to browsers that accept gzip
 * (serveStatic's `precompressed`), so a page's JavaScript travels compressed without the
 * server compressing anything per request. Hashed files never change, so the work is
 * done once, at build time, where the slowest level costs nothing.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|html|wasm)$/;
/** Below this, gzip's header and the response's headers outweigh what it saves. */
const MIN_BYTES = 256;

export function precompress(): Plugin {
  return {
    name: "lagoon:precompress",
    apply: "build",
    applyToEnvironment: (environment) => environment.config.consumer === "client",
    writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      for (const output of Object.values(bundle)) {
        if (!COMPRESSIBLE.test(output.fileName) || output.fileName.startsWith(".vite/")) continue;
        const source = output.type === "chunk" ? Buffer.from(output.code) : Buffer.from(output.source);
        if (source.length < MIN_BYTES) continue;
        const gz = gzipSync(source, { level: constants.Z_BEST_COMPRESSION });
        if (gz.length < source.length) writeFileSync(join(dir, `${output.fileName}.gz`), gz);
      }
    },
  };
}
