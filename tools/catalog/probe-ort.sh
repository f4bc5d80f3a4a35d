#!/usr/bin/env bash
# Runs ProbeOrt on every model of a folder written by make_probe_models.py, one JVM per model (a malformed
# contrib node can crash the native library), with the ONNX Runtime jar the project builds against.
# Usage: tools/catalog/probe-ort.sh FOLDER   (prints the refusals that matter for generate.py)
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
version=$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' pom.xml)
jar="$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime_gpu/$version/onnxruntime_gpu-$version.jar"
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
"$JAVA_HOME/bin/javac" -cp "$jar" -d "$classes" tools/catalog/ProbeOrt.java
echo "ONNX Runtime $version"
for model in "$1"/*.onnx; do
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar:$classes" ProbeOrt "$model" 2>/dev/null \
    || echo "$model CRASHED"
done | grep -E "official support|not a registered|CRASHED|opset[0-9]+.onnx ACCEPTED" || true
