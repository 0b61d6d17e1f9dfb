#!/bin/sh
# Seeds fuzz/corpus/<target>/ from the small files of data/sample and data/fixtures (run from
# the repository root; libFuzzer names the copies by content hash, so reruns add nothing).
set -eu
out=${1:-fuzz/corpus}
small() { find "$@" -type f -size -64k; }
seed() { target=$1; shift; mkdir -p "$out/$target"
  for f in "$@"; do cp "$f" "$out/$target/$(sha1sum "$f" | cut -c1-40)"; done; }
texts=$(small data/sample data/fixtures -name '*.txt' ! -path '*/broken/*')
for t in tokenize figures quotes actors; do seed "$t" $texts; done
seed ingest_text $(small data/fixtures/ingest -name '*.txt' -o -name '*.md') $(small data/sample -name '*.txt' | head -n 5)
seed ingest_jsonl $(small data -name '*.jsonl')
seed ingest_json $(small data -name '*.json')
seed ingest_csv $(small data -name '*.csv')
seed ingest_html $(small data -name '*.html')
seed ingest_sniff $(small data/fixtures/ingest)
# A few shapes the data folders lack.
mkdir -p "$out/ingest_json" "$out/ingest_csv" "$out/ingest_html" "$out/quotes"
printf '[{"title": "A", "text": "One body.", "date": "2021-10-31"}, {"headline": "B", "body": "Two\\u00e9.", "url": "https://example.com/x"}]\n' > "$out/ingest_json/hand-array"
printf '{"articles": [{"title": "A", "text": "One."}, {"title": "B", "content": "Two."}]}\n' > "$out/ingest_json/hand-nested"
printf 'title\ttext\tdate\tsource\nA\tOne body.\t31/10/2021\tBBC\nB\t"Two"\t\t\n' > "$out/ingest_csv/hand-tsv"
printf '<html><head><title>T</title><meta name="author" content="A. B."></head><body><article><h1>T</h1><p>One &amp; two.</p><script>x</script></article></body></html>\n' > "$out/ingest_html/hand-article"
printf '\xe2\x80\x9cWe will not,\xe2\x80\x9d Foreign Minister Sergei Lavrov said on Monday. He added that "NATO" was to blame, according to Reuters.\n' > "$out/quotes/hand-quotes"
