#!/usr/bin/env bash
# Times OperatorCatalog.loadBundled() in N fresh JVMs (default 10): first load per process + warm loads.
# Usage (repository root, after `./mvnw -q -B -o -pl models -am -DskipTests install` and test-compile):
#   tools/catalog/bench-load.sh [processes] [warm-runs-per-process]
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B -o -pl models dependency:build-classpath -Dmdep.outputFile=target/catalog-bench.cp >/dev/null
cp="models/target/classes:models/target/test-classes:$(cat models/target/catalog-bench.cp)"
for _ in $(seq "${1:-10}"); do
  "$JAVA_HOME/bin/java" -cp "$cp" dev.onnxworkbench.models.ops.CatalogLoadBenchmark "${2:-30}"
done
