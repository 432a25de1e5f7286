"""Golden fixtures for the ImageNet backbones (torchvision 0.14's resnet50, efficientnet_v2_s, efficientnet_v2_m).
Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Models.Tests/Fixtures/generate_backbone_fixtures.py

The networks are torchvision's own classes, built small so CI fixtures stay small:
  resnet50 at width 2: torchvision's ResNet(Bottleneck, [3, 4, 6, 3]) with every stage's planes divided by 32
    (torchvision's stem of 64 channels kept), 5 classes.
  efficientnet_v2_s / _m at width 1/16 and depth 0.3 (s) or 0.2 (m): torchvision's EfficientNet built from efficientnet_v2_s/m's
    stage table with channels _make_divisible(c / 16, 8), ceil(layers x depth) blocks per stage (every block kind, with
    and without expansion and residual, stays) and last channel _make_divisible(1280 / 16, 8), 5 classes.
The outputs are computed in float64 (stored as float32). Weights are torchvision's initialisation with every BatchNorm's affine parameters and running statistics randomised
(generate_model_fixtures.randomise_batch_norms), so evaluation mode is not an identity. Files:
  <model>.pth, <model>.safetensors   the state dict (what a user's released file holds), torch.save and safetensors
  backbones.safetensors              per model, under <model>.: input [2, 3, 64, 48] (resnet50: [4, 3, 48, 40], so
                                     its last stage's batch statistics see 16 values), eval.logits, eval.embedding
                                     (the pooled features), and one training-mode pass with dropout and stochastic
                                     depth off: train.logits, loss_weights, train.input_grad, train.grad.<every
                                     parameter> of sum(logits * loss_weights), train.after.<a few running statistics>,
                                     parameter_count, f32_error.<each of these>: the largest difference of
                                     PyTorch's own float32 pass from the float64 one (training-mode gradients through
                                     stacked batch-statistics BNs of a narrow network lose up to ~1e-3 relative in
                                     float32; Hark's tolerance is 10x this or 1e-4 of the tensor's scale, the larger);
                                     and image_input.*: a log-mel batch [2, 1, 20, 30] made into
                                     [2, 3, 40, 40] by repeat or mel/delta/delta-delta (torchaudio's compute_deltas),
                                     F.interpolate(bilinear, align_corners=False) and ImageNet's mean and std
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


class NarrowResNet(ResNet):
    """torchvision's ResNet with each stage's planes divided by `divisor` (the stem stays torchvision's 64 channels)."""

    def __init__(self, divisor, num_classes):
        self.divisor = divisor
        super().__init__(Bottleneck, [3, 4, 6, 3], num_classes=num_classes)
        self.fc = nn.Linear(512 // divisor * Bottleneck.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1, dilate=False):
        return super()._make_layer(block, planes // self.divisor, blocks, stride, dilate)

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


def export(name, build, seed, after_keys, input_shape=(2, 3, 64, 48)):
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = build(dropout=True)
    randomise_batch_norms(model, generator)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    save_state(name, state)
    x = torch.randn(input_shape, generator=generator)
    grad_keys = [k for k, _ in model.named_parameters()]
    tensors = {"input": x}
    # the reference runs in float64, so what Hark's float32 is compared with carries no rounding of its own; the same
    # pass in float32 (same loss weights) measures how far PyTorch's own float32 strays from it, tensor by tensor
    loss_seed = seed + 100
    reference = run_case(lambda dropout: build(dropout).double(), state, x.double(), torch.Generator().manual_seed(loss_seed), grad_keys, after_keys)
    single = run_case(build, state, x, torch.Generator().manual_seed(loss_seed), grad_keys, after_keys)
    tensors.update(reference)
    for key, value in reference.items():
        if key.startswith(("eval.", "train.")):
            tensors[f"f32_error.{key}"] = (single[key].double() - value.double()).abs().max().float()
    return {f"{name}.{k}": v for k, v in tensors.items()}


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
    tensors.update(export("resnet50_w2", lambda dropout: NarrowResNet(32, CLASSES), 21,
                          ["bn1.running_mean", "layer4.2.bn3.running_var", "layer2.0.downsample.1.running_mean"], input_shape=(4, 3, 48, 40)))
    tensors.update(export("efficientnet_v2_s_tiny", lambda dropout: efficientnet("efficientnet_v2_s", 1 / 16, 0.3, dropout), 22,
                          ["features.0.1.running_mean", "features.4.0.block.1.1.running_var", "features.7.1.running_mean"]))
    tensors.update(export("efficientnet_v2_m_tiny", lambda dropout: efficientnet("efficientnet_v2_m", 1 / 16, 0.2, dropout), 23,
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
