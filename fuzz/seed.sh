#!/usr/bin/env bash
# Builds the fuzz seed corpora (corpus/parse_page, corpus/pipeline) from the project's docs and the
# shared Graph docs corpus. The copies are not committed (see .gitignore); rerun to rebuild them.
#
#   fuzz/seed.sh [DOCS_DIR] [SHARED_CORPUS_DIR]
#
# Defaults: ../docs and ../../shared/corpus, relative to this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
docs="${1:-$here/../docs}"
shared="${2:-$here/../../shared/corpus}"
sample=200        # pages taken from the English corpus, spread evenly over its sorted list
max_pipeline=65536 # the pipeline target skips larger inputs
sep=$'\n=====\n'  # the pipeline target's page separator

pp="$here/corpus/parse_page"
pl="$here/corpus/pipeline"
mkdir -p "$pp" "$pl"

# name FILE: a flat corpus file name for a page path.
name() { printf '%s' "$1" | tr '/' '_'; }

add() { # add PREFIX FILE
    local dest
    dest="$1-$(name "${2#"$3"/}")"
    cp "$2" "$pp/$dest"
    if [ "$(wc -c <"$2")" -le "$max_pipeline" ]; then cp "$2" "$pl/$dest"; fi
}

# join OUT FILE...: several pages as one pipeline input (at most four are read).
join() {
    local out="$1" first=1
    shift
    : >"$out"
    for f in "$@"; do
        if [ $first = 0 ]; then printf '%s' "$sep" >>"$out"; fi
        first=0
        cat "$f" >>"$out"
    done
    if [ "$(wc -c <"$out")" -gt "$max_pipeline" ]; then rm -f "$out"; fi
}

# The project's own pages, one by one and as sets.
mapfile -t own < <(find "$docs" -maxdepth 1 -name '*.md' | LC_ALL=C sort)
for f in "${own[@]}"; do add docs "$f" "$docs"; done
if [ "${#own[@]}" -gt 0 ]; then
    join "$pl/docs-set-first4" "${own[@]:0:4}"
    join "$pl/docs-set-last4" "${own[@]: -4}"
fi

# A deterministic sample of the English corpus: every Nth page of the sorted list.
en="$shared/graph-docs-v1.0"
if [ -d "$en" ]; then
    mapfile -t all < <(find "$en" -name '*.md' | LC_ALL=C sort)
    picked=()
    for ((k = 0; k < sample && k < ${#all[@]}; k++)); do
        i=$(( k * ${#all[@]} / sample ))
        picked+=("$i")
        add en "${all[$i]}" "$en"
    done
    # Neighbouring pages in the sorted list often belong together (a type and its operations).
    for ((k = 0; k < ${#picked[@]}; k += 10)); do
        i=${picked[$k]}
        join "$pl/en-set-$k" "${all[@]:$i:3}"
    done
fi

# Every page of the machine-translated (bilingual) corpus.
ru="$shared/graph-docs-v1.0-ru-RU"
if [ -d "$ru" ]; then
    while IFS= read -r f; do add ru "$f" "$ru"; done < <(find "$ru" -type f -name '*.md' | LC_ALL=C sort)
fi

echo "parse_page: $(find "$pp" -type f | wc -l) files; pipeline: $(find "$pl" -type f | wc -l) files"
