#!/usr/bin/env bash
# Regenerates data-samples/bluebleed-mini: the generator's dump at scale 0.03, seed 2022 (about 3.4 MB), its ground
# truth, and claims.yaml, whose numbers are the sample's own raw counts — how the finder of the real leak counted
# ("335,000 emails": every stored copy) — beside the owner's answer, which gave no number.
# A test (BluebleedMiniSampleTest) checks that the committed sample is exactly what this makes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/bluebleed-mini"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/../jobs/leakscope" generate --profile bluebleed --scale 0.03 --seed 2022 --output "$tmp/gen" >&2
rm -rf "$out"
mkdir -p "$out"
mv "$tmp/gen/dump" "$tmp/gen/ground-truth.json" "$tmp/gen/ground-truth-clusters.jsonl" "$out/"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
t = json.load(open(out + "/ground-truth.json"))
m = t["metrics"]
claims = [
    ("Finder (security vendor)", "2022-10-19", "email_messages", m["email_messages"]["raw"],
     "The exposed bucket holds {:,} emails exchanged with partner companies.".format(m["email_messages"]["raw"]),
     "vendor blog post"),
    ("Finder (security vendor)", "2022-10-19", "documents", m["documents"]["raw"],
     "{:,} business documents, including statements of work and proof-of-execution files.".format(m["documents"]["raw"]),
     "vendor blog post"),
    ("Finder (security vendor)", "2022-10-19", "records:users", m["records:users"]["raw"],
     "{:,} user records with names, logins and email addresses.".format(m["records:users"]["raw"]),
     "vendor blog post"),
    ("Owner (cloud provider)", "2022-10-20", "email_messages", None,
     "The numbers are greatly exaggerated: the data holds duplicate information, with multiple references to the "
     "same emails, projects and users.", "owner statement"),
]
with open(out + "/claims.yaml", "w") as f:
    f.write("# Published statements about the bluebleed-mini sample, scaled to it (format: docs/claims.md).\n")
    f.write("# The finder counted occurrences: every number below is a raw count of this sample.\n")
    f.write("claims:\n")
    for who, date, metric, value, quote, source in claims:
        f.write("  - claimant: \"%s\"\n    date: %s\n    metric: %s\n    claimed: %s\n    quote: \"%s\"\n"
                "    source: \"%s\"\n" % (who, date, metric, "null" if value is None else value,
                                          quote.replace('"', '\\"'), source))
PY
echo "wrote $out" >&2
