#!/usr/bin/env bash
# Seeds each fuzz target's corpus with the example site's posts, the test fixtures and the saved
# regression inputs. Run from the repository root: bash fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for target in front_matter markdown compose render; do
  mkdir -p "fuzz/corpus/$target"
  find content tests/fixtures fuzz/regressions -type f -name '*.md' -size -64k -print0 |
    while IFS= read -r -d '' f; do
      cp "$f" "fuzz/corpus/$target/$(echo "$f" | tr '/' '_')"
    done
done
