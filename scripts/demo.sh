#!/usr/bin/env bash
# The main job: the model case (../shared/MISSION.md) end to end on the built-in example, as far
# as the landed stages go. The responder is a FICTIONAL city; every document is generated and
# says so. Results go to demo-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bates="$build/src/cli/bates"
out=demo-out
example="$out/example"
case_dir="$out/case"

say() { printf '\n== %s\n' "$*"; }

say "1. Generate the fictional jurisdiction's records (seed 1)"
rm -rf "$out"
mkdir -p "$out"
python3 tools/example/make_example.py --seed 1 --out "$example"
sed -n '1,12p' "$example/README.txt"

say "2. Open a matter for the demand, started from the demand spec (its requests and timeframe)"
zone=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["time_zone"])' "$example/ground-truth.json")
"$bates" init "$case_dir" --name "DOJ document demand of 24 January 2018 (fictional responder)" --time-zone "$zone" \
  --demand examples/doj-2018/demand.yaml

say "3. Collect each custodian's records"
status=0
while IFS=$'\t' read -r folder custodian title; do
  [[ "$folder" == "folder" ]] && continue
  "$bates" add "$case_dir" --custodian "$custodian" "$example/collection/$folder" --no-progress || status=$?
  # Exit status 3 means collected, with exceptions listed by `bates account`.
  if [[ $status -ne 0 && $status -ne 3 ]]; then exit $status; fi
done < "$example/custodians.tsv"

say "4. Account for every item"
"$bates" account "$case_dir"

read -r start end < <(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["timeframe"]; print(t["start"][:10], t["end"][:10])' "$example/ground-truth.json")
query="(ICE OR immigration OR \"homeland security\" OR detainer OR 1373) date:${start}..${end}"
say "5. Search the relevant timeframe (ASSUMED ${start} to ${end}): $query"
"$bates" search "$case_dir" "$query" --limit 10

say "6. Analyze: exact duplicates, near-duplicates, email threads"
"$bates" analyze "$case_dir"
echo "Inclusive messages not already read as a duplicate (the emails a reviewer must read):"
"$bates" search "$case_dir" "is:inclusive AND NOT is:duplicate" --limit 5


say "7. Search-term report: the responder's terms for the demand beside the requester's"
"$bates" terms "$case_dir" examples/doj-2018-responder-terms.txt \
  --requester examples/doj-2018-requester-terms.txt \
  --csv "$out/search-terms.csv" --html "$out/search-terms.html"

say "8. Saved searches (who ran what, when, and its count)"
"$bates" searches "$case_dir" | tail -n 5

say "9. Review: the privilege screen (the City Attorney's office and privilege terms) and personal data"
"$bates" privlist "$case_dir" --add domain cityattorney.thistlewick.example --label "City Attorney's Office" >/dev/null
for term in "attorney-client" "privileged and confidential" "attorney work product" "legal advice"; do
  "$bates" privlist "$case_dir" --add term "$term" >/dev/null
done
"$bates" screen "$case_dir" | tail -n 2

say "10. Produce: the responsive families, privileged mail withheld, Bates-stamped, with load files"
# --withhold stands in for review's privilege coding until it lands.
"$bates" produce "$case_dir" --select "(ICE OR immigration OR \"homeland security\" OR detainer OR 1373)" \
  --from "$start" --to "$end" --withhold 'privileged OR "attorney-client"' \
  --prefix CITY --start 1 --volume VOL001

say "11. Technology-assisted review, simulated: one responsive seed document, the ground truth plays the reviewer"
seed=$(python3 tools/tar/example_labels.py --bates "$bates" --case "$case_dir" --example "$example" \
  --out "$out/tar-labels.tsv")
"$bates" tar simulate "$case_dir" --labels "$out/tar-labels.tsv" --topic "DOJ demand, request 1" \
  --seed-docs "$seed" --references --chart "$out/tar-gain-curve.html"

say "12. Requester's side: the model-case demand spec (23 recipients; contacts fictional), deadlines from service on 24 January 2018"
"$bates" demand check examples/doj-2018/demand.yaml
"$bates" demand deadlines examples/doj-2018/demand.yaml --served 2018-01-24 > "$out/demand-deadlines.txt"
head -8 "$out/demand-deadlines.txt"
say "12b. Requester's side: issue the letters, one per recipient (addressees and contacts are FICTIONAL placeholders; request wording paraphrased)"
"$bates" demand issue examples/doj-2018/demand.yaml --served 2018-01-24 --out "$out/letters" | tail -n 3
say "13. The requester's side: take in the production, verify it, index it (bates intake)"
# The requester's own case; the deadline is the model case's (23 February 2018). Until the demand
# spec lands these come from options; later from the spec and --recipient.
requester="$out/requester-case"
"$bates" init "$requester" >/dev/null
"$bates" intake "$requester" "$case_dir/productions/VOL001" --recipient "City of Thistlewick (fictional)" \
  --from "$start" --to "$end" --due 2018-02-23 --received 2018-02-23 --no-progress
# SIMULATED deficiencies, labelled so: a copy of the volume with one text file altered in transit,
# and the same volume received after the deadline.
tampered="$out/simulated-deficient/VOL001"
mkdir -p "$(dirname "$tampered")"
cp -r "$case_dir/productions/VOL001" "$tampered"
printf ' (SIMULATED alteration)' >> "$(find "$tampered/TEXT" -name '*.txt' | sort | head -n 1)"
echo "-- SIMULATED: a recipient whose volume was altered after its manifest was made"
"$bates" intake "$requester" "$tampered" --recipient "Simulated deficient recipient" --no-index \
  --from "$start" --to "$end" --due 2018-02-23 --received 2018-02-23 | grep -v '^  unlogged_withholding' || true
echo "-- SIMULATED: a recipient who produced nine days late"
"$bates" intake "$requester" "$case_dir/productions/VOL001" --recipient "Simulated late recipient" --no-index \
  --from "$start" --to "$end" --due 2018-02-23 --received 2018-03-04 | grep -v '^  unlogged_withholding' || true

say "14. The requester's tracking: serve all 23 on 24 January 2018, take productions in against the spec, status table"
# The demand letters went out on Wednesday 24 January 2018 (MISSION.md). Every response below is
# SIMULATED with the fictional example's volume: none is what a real jurisdiction did.
spec="$out/demand/demand.yaml"
tracking="$out/demand/tracking.case"
mkdir -p "$out/demand"
cp examples/doj-2018/demand.yaml "$spec"
for rid in $("$bates" demand deadlines "$spec" --served 2018-01-24 --json |
  python3 -c 'import json, sys; print(" ".join(r["recipient"] for r in json.load(sys.stdin)))'); do
  "$bates" demand serve "$spec" "$rid" --date 2018-01-24 --case "$tracking" >/dev/null
done
echo "-- SIMULATED: chicago produces the responder's volume on time; cook-county a tampered copy;"
echo "   new-york-city the clean volume nine days late"
"$bates" intake "$spec" "$case_dir/productions/VOL001" --recipient chicago --case "$tracking" \
  --received 2018-02-20 --no-progress | head -n 1
"$bates" intake "$spec" "$tampered" --recipient cook-county --case "$tracking" \
  --received 2018-02-20 --no-index | head -n 1
"$bates" intake "$spec" "$case_dir/productions/VOL001" --recipient new-york-city --case "$tracking" \
  --received 2018-03-04 --no-index | head -n 1
echo "== SIMULATED responses (fictional example data; not what the real jurisdictions did) =="
"$bates" demand status "$spec" --case "$tracking" --as-of 2018-03-05 | sed 's/^/SIMULATED | /'
"$bates" demand remind "$spec" --case "$tracking" --as-of 2018-03-05 | head -n 5
"$bates" demand deficiency "$spec" cook-county --case "$tracking" --as-of 2018-03-05 |
  grep -v 'unlogged_withholding' | head -n 8

say "Done"
cat <<MSG
Case folder:   $case_dir   (bates.db, blobs/, index/)
Example data:  $example    (FICTIONAL; ground truth in ground-truth.json)
Term report:   $out/search-terms.html, $out/search-terms.csv
Production:    $case_dir/productions/VOL001 (DATA/ IMAGES/ NATIVES/ TEXT/ MANIFEST.txt), certificate beside it
Letters:       $out/letters/index.html (PDF and HTML per recipient; addressees FICTIONAL)
Intake:        $out/requester-case (the production verified and indexed on the requester's side)
Tracking:      $out/demand/tracking.case (23 recipients served; SIMULATED responses; bates demand status)
Status board:  echo PASSWORD | $bates user add $out/demand/tracking.case NAME --role requester
               $bates serve $out/demand/tracking.case --demand $out/demand/demand.yaml
               then http://127.0.0.1:8080/ (as of 2018-03-05 in its "As of" field)
Gain curve:    $out/tar-gain-curve.html (TAR simulated from the ground truth; docs/TAR.md)
Try:           $bates show $case_dir DOC-000001
               $bates search $case_dir 'subject:directive' --json
               $bates search $case_dir 'is:pivot'   (then neargroup:ID, thread:ID)
MSG
