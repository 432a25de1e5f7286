// node classify.mjs model.onnx clip.wav: the top-3 classes of a PCM16 mono WAV (at the model's sample rate) from a file of `hark export RUN --out model.onnx --with-front-end`
import { readFileSync } from "node:fs";
import * as ort from "onnxruntime-node";
const [modelPath, clipPath] = process.argv.slice(2), wav = readFileSync(clipPath), chunks = {};
for (let at = 12; at + 8 <= wav.length; at += 8 + wav.readUInt32LE(at + 4) + (wav.readUInt32LE(at + 4) & 1)) chunks[wav.toString("ascii", at, at + 4)] = wav.subarray(at + 8, at + 8 + wav.readUInt32LE(at + 4));
const { "fmt ": fmt, data } = chunks;
if (fmt.readUInt16LE(0) !== 1 || fmt.readUInt16LE(2) !== 1 || fmt.readUInt16LE(14) !== 16) throw new Error(`${clipPath}: expected 16-bit PCM mono`);
const samples = Float32Array.from({ length: data.length >> 1 }, (_, i) => data.readInt16LE(2 * i) / 32768);
const session = await ort.InferenceSession.create(modelPath);
const { probabilities, classes, sample_rate } = await session.run({ waveform: new ort.Tensor("float32", samples, [1, samples.length]) });
if (BigInt(fmt.readUInt32LE(4)) !== sample_rate.data[0]) throw new Error(`${clipPath}: ${fmt.readUInt32LE(4)} Hz; the model takes ${sample_rate.data[0]} Hz`);
[...probabilities.data].map((p, i) => [classes.data[i], p]).sort((a, b) => b[1] - a[1]).slice(0, 3).forEach(([name, p]) => console.log(`${name} ${p.toFixed(3)}`));
