// Independent cross-check of a streaming run: onnxruntime-node runs a Silero VAD v5 over a raw float32 signal,
// window by window, feeding stateN back into state, and prints the per-window probabilities as JSON.
// usage: NODE_PATH=/work/realmodels/ortnode/node_modules node stream-vad.js MODEL SIGNAL.f32 WINDOW RATE
const ort = require('onnxruntime-node');
const fs = require('fs');

async function main() {
  const [model, signalFile, windowText, rateText] = process.argv.slice(2);
  const window = parseInt(windowText, 10);
  const bytes = fs.readFileSync(signalFile);
  const signal = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
  let state = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
  const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(rateText)]), []);
  const out = [];
  for (let start = 0; start < signal.length; start += window) {
    const chunk = new Float32Array(window);
    chunk.set(signal.subarray(start, Math.min(start + window, signal.length)));
    const r = await session.run({ input: new ort.Tensor('float32', chunk, [1, window]), state, sr });
    out.push(r.output.data[0]);
    state = r.stateN;
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch(e => { console.error(e); process.exit(1); });
