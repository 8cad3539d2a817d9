#!/usr/bin/env bash
# Validate every HTML page of the built site (and its inline SVG) with the
# Nu HTML Checker from the npm vnu-jar package. Exits non-zero on any error.
#   usage: bash tests/browser/validate-html.sh [SITE_DIR]   (default: site-out)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
site="${1:-site-out}"
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$jar" ]; then
  echo "missing $jar: run (cd $here && npm ci)" >&2
  exit 2
fi
if [ ! -f "$site/index.html" ]; then
  echo "$site/index.html does not exist: build the site first (cargo run --release)" >&2
  exit 2
fi
pages=$(find "$site" -name '*.html' | wc -l)
echo "vnu: checking $pages HTML files under $site"
if java -jar "$jar" --errors-only --also-check-svg --skip-non-html "$site"; then
  echo "vnu: no errors in $pages HTML files"
else
  status=$?
  echo "vnu: errors found (exit $status)" >&2
  exit "$status"
fi
