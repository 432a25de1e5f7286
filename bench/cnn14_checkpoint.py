"""Full-size PANNs Cnn14 checkpoints for bench/checkpoint-load.sh, and PyTorch's load time for them.

    /usr/bin/python3 bench/cnn14_checkpoint.py make DIR   writes DIR/cnn14.pth (zip format) and DIR/cnn14_legacy.pth
                                                         (torch < 1.6 format), each laid out as PANNs' training script
                                                         saves it: {'iteration', 'model', 'sampler'}, numpy arrays and a
                                                         numpy RandomState tuple in the sampler (about 327 MB each)
    /usr/bin/python3 bench/cnn14_checkpoint.py small FILE WIDTH
                                                         writes one such file (zip format) of a narrower Cnn14 (first width
                                                         WIDTH instead of 64; 64 mel bins and 527 classes as PANNs'), for
                                                         quick end-to-end runs of --recipe probe / panns-finetune
    /usr/bin/python3 bench/cnn14_checkpoint.py load FILE [REPEATS]
                                                         prints the first and the best of REPEATS times of
                                                         torch.load(FILE, map_location='cpu'), and the sum of the
                                                         state dict's elements

The network is PANNs' Cnn14 (32 kHz, 64 mel bins, 527 classes) as defined in the model fixtures' generator
(tests/Hark.Models.Tests/Fixtures/generate_model_fixtures.py, classes only), with random weights, randomised batch-norm
statistics and PANNs' spectrogram/log-mel extractor weights, so the keys and sizes are those of Cnn14_mAP=0.431.pth.
"""
import ast, os, sys, time
import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))


def fixture_definitions():
    """The classes and functions of the model fixtures' generator, without running its fixture-writing statements."""
    path = os.path.join(here, "..", "tests", "Hark.Models.Tests", "Fixtures", "generate_model_fixtures.py")
    tree = ast.parse(open(path).read(), path)
    tree.body = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom, ast.ClassDef, ast.FunctionDef))
                 and not (isinstance(n, ast.Import) and any(a.name == "safetensors_io" for a in n.names))]
    namespace = {"__name__": "generate_model_fixtures"}
    exec(compile(tree, path, "exec"), namespace)
    return namespace


def panns_checkpoint(width=64):
    definitions = fixture_definitions()
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    model = definitions["Cnn14"](1, 527, mel_bins=64, width=width)
    definitions["randomise_batch_norms"](model, generator)
    state = {
        "spectrogram_extractor.stft.conv_real.weight": torch.randn(513, 1, 1024, generator=generator),
        "spectrogram_extractor.stft.conv_imag.weight": torch.randn(513, 1, 1024, generator=generator),
        "logmel_extractor.melW": torch.rand(513, 64, generator=generator),
    }
    state.update(model.state_dict())
    random_state = np.random.RandomState(0)
    sampler = {  # PANNs' BalancedTrainSampler.state_dict()
        "indexes_per_class": [random_state.permutation(40) for _ in range(3)],
        "queue": [np.int64(5), np.int64(2)],
        "pointers_of_classes": [0, 7, 12],
        "random_state": random_state.get_state(),
    }
    return {"iteration": 660000, "model": state, "sampler": sampler}


def main():
    if sys.argv[1] == "make":
        folder = sys.argv[2]
        os.makedirs(folder, exist_ok=True)
        checkpoint = panns_checkpoint()
        torch.save(checkpoint, os.path.join(folder, "cnn14.pth"))
        torch.save(checkpoint, os.path.join(folder, "cnn14_legacy.pth"), _use_new_zipfile_serialization=False)
        for name in ("cnn14.pth", "cnn14_legacy.pth"):
            print(f"{name}: {os.path.getsize(os.path.join(folder, name)) / 1e6:.1f} MB")
    elif sys.argv[1] == "small":
        torch.save(panns_checkpoint(int(sys.argv[3])), sys.argv[2])
        print(f"{sys.argv[2]}: {os.path.getsize(sys.argv[2]) / 1e6:.1f} MB")
    else:
        repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            loaded = torch.load(sys.argv[2], map_location="cpu")
            times.append(time.perf_counter() - start)
            state = loaded.get("model", loaded)
            count, total = len(state), sum(t.double().sum().item() for t in state.values())
            del loaded, state
        print(f"tensors {count}, sum of all elements {total:.6E}")
        print(f"torch first load seconds: {times[0]:.3f}")
        print(f"torch load seconds: {min(times):.3f}")


main()
