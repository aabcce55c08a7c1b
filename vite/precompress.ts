/**
 * The build's scripts and styles, compressed once at the best levels beside each file:
 * brotli (`client-Ab12.js.br`) and gzip (`client-Ab12.js.gz`). The server sends the
 * smallest copy the browser accepts (serveStatic's `precompressed` prefers brotli), so a
 * page's JavaScript travels compressed without the server compressing anything per
 * request. Hashed files never change, so the work is done once, at build time, where the
 * slowest levels cost nothing.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|html|wasm)$/;
/** Below this, the encoding's header and the response's headers outweigh what it saves. */
const MIN_BYTES = 256;

/** `source` gzipped as the build does it. */
export function gzip(source: Buffer | string): Buffer {
  return gzipSync(source, { level: constants.Z_BEST_COMPRESSION });
}

/** `source` compressed with brotli as the build does it. */
export function brotli(source: Buffer | string): Buffer {
  const params = {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(source),
  };
  return brotliCompressSync(source, { params });
}

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
        const gz = gzip(source);
        if (gz.length < source.length) writeFileSync(join(dir, `${output.fileName}.gz`), gz);
        const br = brotli(source);
        // a browser that accepts both gets brotli: only where it is the smaller copy
        if (br.length < Math.min(gz.length, source.length)) writeFileSync(join(dir, `${output.fileName}.br`), br);
      }
    },
  };
}
