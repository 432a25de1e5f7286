"""Validates ONNX files with onnx.checker (Debian's python3-onnx) and says which opset ops each uses.
Usage (repository root): /usr/bin/python3 tools/onnx_check.py FILE.onnx [FILE.onnx ...]
Prints, per file: the opset, IR version, inputs and outputs with their shapes, the op types and how often each occurs,
and Hark's metadata keys (with what the file takes: features, or the waveform of a --with-front-end export); then the
op types all files use together, per opset. Exits 1 when any file fails the checker (full check, with shape inference)."""
import collections, sys
import onnx


def shape(value):
    return "[" + ", ".join(d.dim_param or str(d.dim_value) for d in value.type.tensor_type.shape.dim) + "]"


def main(paths):
    failed = 0
    used = collections.defaultdict(set)
    for path in paths:
        model = onnx.load(path)
        try:
            onnx.checker.check_model(model, full_check=True)
            verdict = "ok"
        except Exception as e:  # the checker's own exception types differ between onnx versions
            verdict = f"FAILED: {e}"
            failed += 1
        opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
        ops = collections.Counter(node.op_type for node in model.graph.node)
        for node in model.graph.node:
            used[next(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import if o.domain == node.domain)].add(node.op_type)
        print(f"{path}: checker {verdict}; opset {opsets}; IR {model.ir_version}")
        print("  inputs  " + ", ".join(f"{i.name} {shape(i)}" for i in model.graph.input))
        print("  outputs " + ", ".join(f"{o.name} {shape(o)}" for o in model.graph.output))
        print("  ops     " + ", ".join(f"{op} x{n}" for op, n in sorted(ops.items())))
        metadata = {p.key: p.value for p in model.metadata_props}
        if metadata:
            print("  metadata " + ", ".join(metadata) + (f" (takes {metadata['hark.input']})" if "hark.input" in metadata else ""))
    for opset, types in sorted(used.items()):
        print(f"ops used, {opset}: " + " ".join(sorted(types)))
    print(f"checked={len(paths)} failed={failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
