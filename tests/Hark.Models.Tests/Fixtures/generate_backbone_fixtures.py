"""Golden fixtures for the ImageNet backbones (torchvision 0.14's resnet50, efficientnet_v2_s, efficientnet_v2_m).
Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Models.Tests/Fixtures/generate_backbone_fixtures.py

The networks are torchvision's own classes, built small so CI fixtures stay small, and shallow enough that a
training-mode pass is well conditioned in float32 (stacked batch-statistics BNs of a deep, narrow network amplify
rounding: resnet50's [3, 4, 6, 3] blocks at width 2 lost 1.6e-3 of a gradient's scale in PyTorch's own float32):
  resnet_w4: torchvision's ResNet(Bottleneck, [2, 1, 1, 1]) with first-stage width 4 (torchvision: 64) and a 16-channel
    stem (torchvision: 64), 5 classes: the stem, a stride-1 and three stride-2 projection blocks and an identity block.
  efficientnet_v2_s / _m at width 1/16 and depth 0.3 (s) or 0.15 (m): torchvision's EfficientNet built from
    efficientnet_v2_s/m's stage table with channels _make_divisible(c / 16, 8), ceil(layers x depth) blocks per stage
    (s keeps every block kind, with and without expansion and residual; m its seventh stage) and last channel
    _make_divisible(1280 / 16, 8), 5 classes.
The outputs are computed in float64 (stored as float32); the script prints how far PyTorch's own float32 pass strays
from them, as a fraction of max(1, each tensor's largest magnitude) (at most ~2e-5 here, so Hark's tolerance of 1e-4 of the
scale has room). Weights are torchvision's initialisation with every BatchNorm's affine parameters and running
statistics randomised (generate_model_fixtures.randomise_batch_norms), so evaluation mode is not an identity. Files:
  <model>.pth, <model>.safetensors   the state dict (what a user's released file holds), torch.save and safetensors
  backbones.safetensors              per model, under <model>.: input [4, 3, 64, 48] (resnet_w4: [4, 3, 48, 40]),
                                     eval.logits, eval.embedding (the pooled features), and one training-mode pass with
                                     dropout and stochastic depth off: train.logits, loss_weights, train.loss
                                     (sum(logits * loss_weights)), train.grad.<every parameter>, train.after.<a few
                                     running statistics>, parameter_count (the input gradient is left out: it is the
                                     largest tensor and the stem's weight gradient already depends on it); and
                                     image_input.*: a log-mel batch [2, 1, 20, 30] made into [2, 3, 40, 40] by repeat
                                     or mel/delta/delta-delta (torchaudio's compute_deltas), F.interpolate(bilinear,
                                     align_corners=False) and ImageNet's mean and std
  backbone_parameter_counts.json     torchvision's parameter counts of the full-size networks (1000 classes)
"""
import json, math, os, sys
import torch, torch.nn as nn, torch.nn.functional as F
import torchaudio
import torchvision
from torchvision.models.resnet import ResNet, Bottleneck
from torchvision.models.efficientnet import EfficientNet, FusedMBConvConfig, MBConvConfig, _make_divisible

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from generate_model_fixtures import randomise_batch_norms, run_case, count  # noqa: E402
sys.path.insert(0, os.path.join(here, "..", "..", "..", "tools", "pyfixtures"))
import safetensors_io  # noqa: E402

CLASSES = 5


class SmallResNet(ResNet):
    """torchvision's ResNet(Bottleneck, blocks) with first-stage width `width` and a `stem`-channel stem (torchvision
    hard-codes 64 for both): built as torchvision builds it, then the stem, stages and fc rebuilt at these sizes."""

    def __init__(self, width, stem, blocks, num_classes):
        self.width = width
        super().__init__(Bottleneck, blocks, num_classes=num_classes)
        self.inplanes = stem
        self.conv1 = nn.Conv2d(3, stem, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(stem)
        self.layer1 = self._make_layer(Bottleneck, 64, blocks[0])
        self.layer2 = self._make_layer(Bottleneck, 128, blocks[1], stride=2)
        self.layer3 = self._make_layer(Bottleneck, 256, blocks[2], stride=2)
        self.layer4 = self._make_layer(Bottleneck, 512, blocks[3], stride=2)
        self.fc = nn.Linear(8 * width * Bottleneck.expansion, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def _make_layer(self, block, planes, blocks, stride=1, dilate=False):
        return super()._make_layer(block, planes * self.width // 64, blocks, stride, dilate)

    def embed(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return torch.flatten(self.avgpool(x), 1)


STAGES = {
    "efficientnet_v2_s": [(True, 1, 3, 1, 24, 24, 2), (True, 4, 3, 2, 24, 48, 4), (True, 4, 3, 2, 48, 64, 4),
                          (False, 4, 3, 2, 64, 128, 6), (False, 6, 3, 1, 128, 160, 9), (False, 6, 3, 2, 160, 256, 15)],
    "efficientnet_v2_m": [(True, 1, 3, 1, 24, 24, 3), (True, 4, 3, 2, 24, 48, 5), (True, 4, 3, 2, 48, 80, 5),
                          (False, 4, 3, 2, 80, 160, 7), (False, 6, 3, 1, 160, 176, 14), (False, 6, 3, 2, 176, 304, 18),
                          (False, 6, 3, 1, 304, 512, 5)],
}
DROPOUT = {"efficientnet_v2_s": 0.2, "efficientnet_v2_m": 0.3}


def efficientnet(arch, width, depth, dropout):
    settings = []
    for fused, expand, kernel, stride, cin, cout, layers in STAGES[arch]:
        config = FusedMBConvConfig if fused else MBConvConfig
        settings.append(config(expand, kernel, stride, _make_divisible(cin * width, 8), _make_divisible(cout * width, 8),
                               math.ceil(layers * depth)))
    model = EfficientNet(settings, DROPOUT[arch] if dropout else 0.0, stochastic_depth_prob=0.2 if dropout else 0.0,
                         num_classes=CLASSES, norm_layer=lambda c: nn.BatchNorm2d(c, eps=1e-3),
                         last_channel=_make_divisible(1280 * width, 8))
    model.embed = lambda x: torch.flatten(model.avgpool(model.features(x)), 1)
    return model


def save_state(name, state):
    torch.save(state, os.path.join(here, f"{name}.pth"))
    safetensors_io.save(os.path.join(here, f"{name}.safetensors"), state)
    print(f"{name}: .pth {os.path.getsize(os.path.join(here, name + '.pth'))} bytes, "
          f".safetensors {os.path.getsize(os.path.join(here, name + '.safetensors'))} bytes")


def relative_deviation(single, reference):
    """The largest |float32 - float64| of each output over max(1, the tensor's largest magnitude), Hark's tolerance
    scale (a gradient that is exactly 0, e.g. a BN bias feeding a 1x1 conv and a batch-statistics BN, has no own scale)."""
    return max(((single[k].double() - v.double()).abs().max().item() / max(1, v.abs().max().item()), k)
               for k, v in reference.items() if k.startswith(("eval.", "train.")))


def export(name, build, seed, after_keys, input_shape=(4, 3, 64, 48)):
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = build(dropout=True)
    randomise_batch_norms(model, generator)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    save_state(name, state)
    x = torch.randn(input_shape, generator=generator)
    grad_keys = [k for k, _ in model.named_parameters()]
    # the reference runs in float64, so what Hark's float32 is compared with carries no rounding of its own; the same
    # pass in float32 (same loss weights) shows how well conditioned the case is
    loss_seed = seed + 100
    reference = run_case(lambda dropout: build(dropout).double(), state, x.double(), torch.Generator().manual_seed(loss_seed), grad_keys, after_keys)
    single = run_case(build, state, x, torch.Generator().manual_seed(loss_seed), grad_keys, after_keys)
    del reference["train.input_grad"], single["train.input_grad"]
    reference["train.loss"] = (reference["train.logits"] * reference["loss_weights"].double()).sum()
    single["train.loss"] = (single["train.logits"] * single["loss_weights"]).sum()
    deviation, where = relative_deviation(single, reference)
    print(f"  PyTorch float32 vs float64: worst {deviation:.2e} of the tensor's scale ({where})")
    return {f"{name}.{k}": v for k, v in {"input": x, **reference}.items()}


def image_input(generator):
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    logmel = torch.randn((2, 1, 20, 30), generator=generator) * 3 - 1
    delta = torchaudio.functional.compute_deltas(logmel, win_length=5)
    stacked = {"repeat": logmel.repeat(1, 3, 1, 1), "deltas": torch.cat([logmel, delta, torchaudio.functional.compute_deltas(delta, win_length=5)], 1)}
    tensors = {"image_input.logmel": logmel}
    for mode, x in stacked.items():
        tensors[f"image_input.{mode}"] = (F.interpolate(x, size=(40, 40), mode="bilinear", align_corners=False) - mean) / std
    return tensors


if __name__ == "__main__":
    tensors = {}
    tensors.update(export("resnet_w4", lambda dropout: SmallResNet(4, 16, [2, 1, 1, 1], CLASSES), 21,
                          ["bn1.running_mean", "layer4.0.bn3.running_var", "layer2.0.downsample.1.running_mean"], input_shape=(4, 3, 48, 40)))
    tensors.update(export("efficientnet_v2_s_tiny", lambda dropout: efficientnet("efficientnet_v2_s", 1 / 16, 0.3, dropout), 22,
                          ["features.0.1.running_mean", "features.4.0.block.1.1.running_var", "features.7.1.running_mean"]))
    tensors.update(export("efficientnet_v2_m_tiny", lambda dropout: efficientnet("efficientnet_v2_m", 1 / 16, 0.15, dropout), 23,
                          ["features.0.1.running_mean", "features.6.1.block.3.1.running_var", "features.8.1.running_var"]))
    tensors.update(image_input(torch.Generator().manual_seed(24)))
    path = os.path.join(here, "backbones.safetensors")
    safetensors_io.save(path, tensors)
    print(f"backbones.safetensors: {os.path.getsize(path)} bytes")

    counts = {name: sum(p.numel() for p in getattr(torchvision.models, name)().parameters())
              for name in ("resnet50", "efficientnet_v2_s", "efficientnet_v2_m")}
    with open(os.path.join(here, "backbone_parameter_counts.json"), "w") as f:
        json.dump({"torchvision": torchvision.__version__, "classes": 1000, "parameters": counts}, f, indent=2)
        f.write("\n")
    print(counts)
