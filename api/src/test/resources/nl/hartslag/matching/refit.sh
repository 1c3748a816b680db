#!/usr/bin/env bash
# Refits the matching model in one command (docs/matching-model.md):
#   api/src/test/resources/nl/hartslag/matching/refit.sh [SET.jsonl ...]
# Default sets: ../shared/dedup/dev.jsonl and ../shared/dedup/train2.jsonl (relative to the repository).
# Compiles (offline), extracts the model's inputs from the labelled sets, chooses features, L2 and threshold
# by cross-validation grouped by problem and blocked by time, fits the final model on all sets, and writes
#   api/src/main/resources/nl/hartslag/matching/match-model.properties   (the model the engine loads)
#   docs/matching-model-cv.md                                             (the cross-validation report)
# Deterministic: no random numbers are drawn (fixed block order, cyclic coordinate descent from zero).
# Needs Java 17, Maven, and python3 with numpy + scipy (fit_model.py, SLSQP); -Dfitter=java via JAVA_OPTS avoids Python.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../../../../../.." && pwd)"
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  set -- "$ROOT/../shared/dedup/dev.jsonl" "$ROOT/../shared/dedup/train2.jsonl"
  [ -f "$1" ] || set -- /work/shared/dedup/dev.jsonl /work/shared/dedup/train2.jsonl
fi
MVN_OFFLINE=${MVN_OFFLINE:--o}
mvn -B $MVN_OFFLINE -q -pl api -am test-compile -DskipTests
CPFILE="$(mktemp)"
mvn -B $MVN_OFFLINE -q -pl api dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE"
CP="api/target/test-classes:api/target/classes:db/target/classes:$(cat "$CPFILE")"
rm -f "$CPFILE"
java ${JAVA_OPTS:-} -cp "$CP" nl.hartslag.matching.MatchModelTool refit \
  api/src/main/resources/nl/hartslag/matching/match-model.properties docs/matching-model-cv.md "$@"
# The refit wrote the source file; copy it to the compiled classes so `evaluate` and tests see it without a rebuild.
cp api/src/main/resources/nl/hartslag/matching/match-model.properties api/target/classes/nl/hartslag/matching/
