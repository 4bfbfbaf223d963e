#!/usr/bin/env bash
# Reproduces assets/vendor/: the minified Vega, Vega-Lite and vega-embed builds inlined into
# `libya-news report` pages, and the map outline (Libya and its neighbours from Natural Earth
# 50m, via the world-atlas package), re-encoded as a small TopoJSON. Needs node and npm.
# Usage: tools/vendor-report-assets.sh   (from anywhere; writes into the checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/vendor
VEGA=6.4.0 VEGA_LITE=6.5.0 VEGA_EMBED=7.3.0 WORLD_ATLAS=2.0.2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --silent \
    "vega@$VEGA" "vega-lite@$VEGA_LITE" "vega-embed@$VEGA_EMBED" "world-atlas@$WORLD_ATLAS" \
    topojson-client@3.1.0 topojson-server@3.0.1 topojson-simplify@3.0.3
)
mkdir -p "$out/licenses"
nm="$work/node_modules"
# The pages never load source maps (no network, no files beside the page): drop the pointer.
for f in vega/build/vega.min.js vega-lite/build/vega-lite.min.js vega-embed/build/vega-embed.min.js; do
  sed '/^\/\/# sourceMappingURL=/d' "$nm/$f" > "$out/$(basename "$f")"
done
for p in vega vega-lite vega-embed world-atlas; do cp "$nm/$p/LICENSE" "$out/licenses/$p.LICENSE"; done
# Libya and the countries around it; quantized and simplified (about 47 KB instead of 756 KB).
cat > "$work/map.js" <<'JS'
const { feature } = require("topojson-client");
const { topology } = require("topojson-server");
const { presimplify, simplify, quantile } = require("topojson-simplify");
const world = require(process.argv[2] + "/world-atlas/countries-50m.json");
const keep = new Map([["012", "Algeria"], ["148", "Chad"], ["380", "Italy"], ["434", "Libya"], ["470", "Malta"],
  ["562", "Niger"], ["729", "Sudan"], ["788", "Tunisia"], ["818", "Egypt"]]);
const picked = { type: "GeometryCollection", geometries: world.objects.countries.geometries.filter(g => keep.has(g.id)) };
const fc = feature(world, picked);
fc.features.forEach(f => { f.properties = { name: keep.get(f.id) }; });
fc.features.sort((a, b) => a.id.localeCompare(b.id));
let topo = presimplify(topology({ countries: fc }, 1e4));
topo = simplify(topo, quantile(topo, 0.5));
process.stdout.write(JSON.stringify(topo) + "\n");
JS
(cd "$work" && node map.js "$nm") > "$out/libya-neighbours.topo.json"
# Guard for the inlining: no script may close its own <script> element or open an HTML comment.
if grep -il -e '</script' -e '<!--' "$out"/*.js; then echo "a vendored script contains </script or <!--" >&2; exit 1; fi
ls -l "$out"
