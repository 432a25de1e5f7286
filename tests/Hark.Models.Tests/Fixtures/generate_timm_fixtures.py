"""Golden fixtures for loading timm's EfficientNetV2 state dicts (tf_efficientnetv2_s, tf_efficientnetv2_m).
Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Models.Tests/Fixtures/generate_timm_fixtures.py

timm itself could not be installed where these fixtures were made (no PyPI), so this script re-implements, with timm's
module and attribute names (hence timm's state-dict keys), the parts of timm/models/efficientnet.py,
_efficientnet_builder.py, _efficientnet_blocks.py, layers/padding.py and layers/conv2d_same.py (timm 0.9) that
tf_efficientnetv2_s/m use:
  - _gen_efficientnetv2_s/_m's arch_def ('cn' ConvBnAct with skip, 'er' EdgeResidual, 'ir' InvertedResidual with
    se0.25), stem 24 and num_features 1280 through round_channels(c x channel_multiplier) (make_divisible by 8, round
    limit 0.9), repeats ceil(r x depth_multiplier);
  - the tf_ variants' pad_type 'same': a stride-1 conv pads (k - 1) / 2 statically, a strided one is Conv2dSame, which
    pads max((ceil(x / s) - 1) s + k - x, 0) split floor-half before and the rest after (pad_same), then convolves
    unpadded; BN eps BN_EPS_TF_DEFAULT = 1e-3; SiLU;
  - SqueezeExcite with rd_channels round(mid_chs x 0.25 / exp_ratio) (se_from_exp False), conv_reduce/conv_expand
    with bias, the block's SiLU, a sigmoid gate; ConvBnAct/EdgeResidual/InvertedResidual skip when stride 1 and
    in == out; the head conv_head (1x1) + bn2 + SiLU, average pooling, classifier.
Both networks are reduced (channel_multiplier 1/32; depth_multiplier 0.3 for s, 0.15 for m) with 5 classes, random
weights (kaiming-normal convs) and randomised BN affine parameters and running statistics
(generate_model_fixtures.randomise_batch_norms), evaluated in eval mode in float64 on an input [2, 3, 32, 25]
(one even and one odd side, so Conv2dSame pads both asymmetrically and symmetrically). Files:
  tf_efficientnetv2_s_tiny.safetensors, tf_efficientnetv2_m_tiny.safetensors   the state dicts, timm's keys
  timm_efficientnetv2.safetensors   per model, under <model>.: input, eval.logits
"""
import math, os, sys
import torch, torch.nn as nn, torch.nn.functional as F

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from generate_model_fixtures import randomise_batch_norms  # noqa: E402
sys.path.insert(0, os.path.join(here, "..", "..", "..", "tools", "pyfixtures"))
import safetensors_io  # noqa: E402

CLASSES = 5
BN_EPS_TF_DEFAULT = 1e-3

# (block type, repeats, kernel, stride, expansion, out channels, se ratio), as timm's arch_def strings
ARCH = {
    "tf_efficientnetv2_s": [("cn", 2, 3, 1, 1, 24, 0), ("er", 4, 3, 2, 4, 48, 0), ("er", 4, 3, 2, 4, 64, 0),
                            ("ir", 6, 3, 2, 4, 128, 0.25), ("ir", 9, 3, 1, 6, 160, 0.25), ("ir", 15, 3, 2, 6, 256, 0.25)],
    "tf_efficientnetv2_m": [("cn", 3, 3, 1, 1, 24, 0), ("er", 5, 3, 2, 4, 48, 0), ("er", 5, 3, 2, 4, 80, 0),
                            ("ir", 7, 3, 2, 4, 160, 0.25), ("ir", 14, 3, 1, 6, 176, 0.25), ("ir", 18, 3, 2, 6, 304, 0.25),
                            ("ir", 5, 3, 1, 6, 512, 0.25)],
}


def make_divisible(v, divisor=8, round_limit=0.9):
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < round_limit * v else new_v


class Conv2dSame(nn.Conv2d):
    """timm's Conv2dSame: TensorFlow 'same' padding computed from the input size, then an unpadded conv."""

    def forward(self, x):
        ih, iw = x.shape[-2:]
        kh, kw = self.weight.shape[-2:]
        pad_h = max((math.ceil(ih / self.stride[0]) - 1) * self.stride[0] + kh - ih, 0)
        pad_w = max((math.ceil(iw / self.stride[1]) - 1) * self.stride[1] + kw - iw, 0)
        x = F.pad(x, [pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)


def create_conv2d(cin, cout, k, stride=1, groups=1, bias=False):
    """timm's create_conv2d with padding='same': static (k - 1) / 2 at stride 1, Conv2dSame when strided."""
    if stride == 1:
        return nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups, bias=bias)
    return Conv2dSame(cin, cout, k, stride, 0, groups=groups, bias=bias)


def bn(c):
    return nn.BatchNorm2d(c, eps=BN_EPS_TF_DEFAULT)


class SqueezeExcite(nn.Module):
    def __init__(self, chs, rd):
        super().__init__()
        self.conv_reduce = nn.Conv2d(chs, rd, 1, bias=True)
        self.conv_expand = nn.Conv2d(rd, chs, 1, bias=True)

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        return x * torch.sigmoid(self.conv_expand(F.silu(self.conv_reduce(s))))


class Block(nn.Module):
    """What timm's three block kinds share: the skip when stride is 1 and in == out (no drop path in eval)."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.has_skip = stride == 1 and cin == cout

    def forward(self, x):
        y = self.branch(x)
        return y + x if self.has_skip else y


class ConvBnAct(Block):
    def __init__(self, cin, cout, k, stride, exp, se):
        super().__init__(cin, cout, stride)
        self.conv = create_conv2d(cin, cout, k, stride)
        self.bn1 = bn(cout)

    def branch(self, x):
        return F.silu(self.bn1(self.conv(x)))


class EdgeResidual(Block):
    def __init__(self, cin, cout, k, stride, exp, se):
        super().__init__(cin, cout, stride)
        mid = make_divisible(cin * exp)
        self.conv_exp = create_conv2d(cin, mid, k, stride)
        self.bn1 = bn(mid)
        self.conv_pwl = create_conv2d(mid, cout, 1)
        self.bn2 = bn(cout)

    def branch(self, x):
        return self.bn2(self.conv_pwl(F.silu(self.bn1(self.conv_exp(x)))))


class InvertedResidual(Block):
    def __init__(self, cin, cout, k, stride, exp, se):
        super().__init__(cin, cout, stride)
        mid = make_divisible(cin * exp)
        self.conv_pw = create_conv2d(cin, mid, 1)
        self.bn1 = bn(mid)
        self.conv_dw = create_conv2d(mid, mid, k, stride, groups=mid)
        self.bn2 = bn(mid)
        self.se = SqueezeExcite(mid, round(mid * se / exp))
        self.conv_pwl = create_conv2d(mid, cout, 1)
        self.bn3 = bn(cout)

    def branch(self, x):
        y = F.silu(self.bn1(self.conv_pw(x)))
        return self.bn3(self.conv_pwl(self.se(F.silu(self.bn2(self.conv_dw(y))))))


BLOCKS = {"cn": ConvBnAct, "er": EdgeResidual, "ir": InvertedResidual}


class EfficientNet(nn.Module):
    def __init__(self, arch, channel_multiplier, depth_multiplier):
        super().__init__()
        stem = make_divisible(24 * channel_multiplier)
        self.conv_stem = create_conv2d(3, stem, 3, 2)
        self.bn1 = bn(stem)
        stages, cin = [], stem
        for kind, repeats, k, stride, exp, cout, se in ARCH[arch]:
            cout = make_divisible(cout * channel_multiplier)
            blocks = []
            for i in range(math.ceil(repeats * depth_multiplier)):
                blocks.append(BLOCKS[kind](cin, cout, k, stride if i == 0 else 1, exp, se))
                cin = cout
            stages.append(nn.Sequential(*blocks))
        self.blocks = nn.Sequential(*stages)
        features = make_divisible(1280 * channel_multiplier)
        self.conv_head = create_conv2d(cin, features, 1)
        self.bn2 = bn(features)
        self.classifier = nn.Linear(features, CLASSES)

    def forward(self, x):
        x = self.blocks(F.silu(self.bn1(self.conv_stem(x))))
        return self.classifier(F.silu(self.bn2(self.conv_head(x))).mean((2, 3)))


def export(name, arch, depth, seed):
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = EfficientNet(arch, 1 / 32, depth)
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
    randomise_batch_norms(model, generator)
    model.eval()
    state = {k: v.clone() for k, v in model.state_dict().items()}
    path = os.path.join(here, f"{name}.safetensors")
    safetensors_io.save(path, state)
    x = torch.randn((2, 3, 32, 25), generator=generator)
    with torch.no_grad():
        logits = model.double()(x.double())
        single = model.float()(x)
    print(f"{name}: {os.path.getsize(path)} bytes, {len(state)} tensors; float32 vs float64 logits {(single.double() - logits).abs().max().item():.2e}")
    return {f"{name}.input": x, f"{name}.eval.logits": logits.float()}


if __name__ == "__main__":
    tensors = {}
    tensors.update(export("tf_efficientnetv2_s_tiny", "tf_efficientnetv2_s", 0.3, 31))
    tensors.update(export("tf_efficientnetv2_m_tiny", "tf_efficientnetv2_m", 0.15, 32))
    path = os.path.join(here, "timm_efficientnetv2.safetensors")
    safetensors_io.save(path, tensors)
    print(f"timm_efficientnetv2.safetensors: {os.path.getsize(path)} bytes")
