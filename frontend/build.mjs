// Bundles the card into the one file the integration serves. The output depends only
// on the sources and the pinned esbuild: scripts/test rebuilds it and compares bytes.
//   node build.mjs [--outfile PATH]
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const flag = process.argv.indexOf("--outfile");
const outfile =
  flag >= 0
    ? process.argv[flag + 1]
    : `${here}../custom_components/track123/frontend/track123-shipments-card.js`;

await build({
  absWorkingDir: here,
  entryPoints: ["src/index.ts"],
  outfile,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "eof",
  charset: "utf8",
  sourcemap: false,
  logLevel: "warning",
});
