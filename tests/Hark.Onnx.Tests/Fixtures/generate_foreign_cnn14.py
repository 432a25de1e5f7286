"""A foreign ONNX audio model for the tests: PANNs' Cnn14 (small width, random weights) exported by torch.onnx.export.
Run with Debian's interpreter (python3-torch 1.13) from the repository root:
    /usr/bin/python3 tests/Hark.Onnx.Tests/Fixtures/generate_foreign_cnn14.py

The network is generate_panns_fixtures.py's pipeline Cnn14 (width 1, 64 mels, 5 classes, batch norms randomised with
the same seeds), so its weights equal those of tests/Hark.Models.Tests/Fixtures/panns_pipeline.safetensors. What is
exported is PANNs' forward after the extractor, as a PANNs user exports a model for a front end of their own:
  foreign_cnn14.onnx   opset 17; input 'logmel' [batch, 1, frames, 64] (PANNs' layout: frames before mels; batch and
                       frames dynamic); outputs 'clipwise_output' [batch, 5] (sigmoid probabilities) and 'embedding' [batch, 32]
The expected outputs are panns_pipeline.safetensors' (32000.clip<i>.input, .clipwise, .embedding: PyTorch's outputs of
PANNs' whole pipeline on two clips); this script checks that the network it exports gives them.
"""
import json, os, sys
import torch

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..", "..")
sys.path.insert(0, os.path.join(root, "tests", "Hark.Models.Tests", "Fixtures"))
sys.path.insert(0, os.path.join(root, "tools", "pyfixtures"))
from generate_panns_fixtures import CLASSES, PANNS_32K, Cnn14  # noqa: E402
from generate_model_fixtures import randomise_batch_norms  # noqa: E402
import numpy as np  # noqa: E402


class AfterExtractor(torch.nn.Module):
    """PANNs' Cnn14 from its log-mel on: (batch, 1, frames, mels) -> (clipwise_output, embedding)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, logmel):
        out = self.model.forward_logmel(logmel)
        return out['clipwise_output'], out['embedding']


def read_safetensors(path):
    """The float32 tensors of a safetensors file (8-byte header length, JSON header, data)."""
    with open(path, "rb") as f:
        data = f.read()
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + size])
    body = data[8 + size:]
    return {k: torch.from_numpy(np.frombuffer(body[v["data_offsets"][0]:v["data_offsets"][1]], dtype=np.float32).reshape(v["shape"]).copy())
            for k, v in header.items() if k != "__metadata__" and v["dtype"] == "F32"}


def main():
    torch.set_num_threads(1)
    torch.manual_seed(12)
    generator = torch.Generator().manual_seed(12)
    model = Cnn14(**PANNS_32K, classes_num=CLASSES, width=1)
    randomise_batch_norms(model, generator)
    model.eval()
    pipeline = read_safetensors(os.path.join(root, "tests", "Hark.Models.Tests", "Fixtures", "panns_pipeline.safetensors"))
    for i in range(2):
        with torch.no_grad():
            out = model(pipeline[f"32000.clip{i}.input"][None])
        for key, name in (("clipwise_output", "clipwise"), ("embedding", "embedding")):
            difference = (out[key] - pipeline[f"32000.clip{i}.{name}"]).abs().max().item()
            assert difference < 1e-6, f"clip {i} {key}: {difference} from panns_pipeline.safetensors; the two scripts' networks differ"
    path = os.path.join(here, "foreign_cnn14.onnx")
    example = model.logmel(pipeline["32000.clip0.input"][None])
    torch.onnx.export(AfterExtractor(model), (example,), path, opset_version=17, input_names=["logmel"],
                      output_names=["clipwise_output", "embedding"],
                      dynamic_axes={"logmel": {0: "batch", 2: "frames"}, "clipwise_output": {0: "batch"}, "embedding": {0: "batch"}})
    print(f"foreign_cnn14.onnx: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
