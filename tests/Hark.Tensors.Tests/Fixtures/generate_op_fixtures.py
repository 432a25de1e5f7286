"""Golden outputs and gradients of Hark's functional ops, computed by PyTorch.

Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Tensors.Tests/Fixtures/generate_op_fixtures.py
It writes ops.safetensors beside itself. For each case NAME the file holds
    NAME.x0, NAME.x1, ...   float inputs (float32 values; the reference math runs in float64 on them)
    NAME.targets            integer class indices, where the op takes them
    NAME.out                the op's output
    NAME.dout               the upstream gradient used for the backward
    NAME.dx0, NAME.dx1, ... the gradient of every float input
The C# side (tests/Hark.Tensors.Tests/Ops/OpFixtureTests.cs) defines the same cases by name.
"""
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "tools", "pyfixtures"))
from safetensors_io import save  # noqa: E402

torch.manual_seed(0)
tensors = {}


def rand(*shape, low=-2.0, high=2.0):
    return (torch.rand(*shape) * (high - low) + low).float()


def positive(*shape):
    return rand(*shape, low=0.3, high=2.5)


def case(name, fn, *inputs, targets=None, constant=()):
    """constant: indices of inputs that PyTorch cannot differentiate (their dx is stored as zeros)."""
    xs = [x.double().clone().requires_grad_(i not in constant) for i, x in enumerate(inputs)]
    out = fn(*xs) if targets is None else fn(*xs, targets)
    dout = torch.randn(out.shape).float().double()
    out.backward(dout)
    for i, x in enumerate(inputs):
        tensors[f"{name}.x{i}"] = x
        tensors[f"{name}.dx{i}"] = xs[i].grad if xs[i].grad is not None else torch.zeros_like(x)
    if targets is not None:
        tensors[f"{name}.targets"] = targets
    tensors[f"{name}.out"] = out.detach()
    tensors[f"{name}.dout"] = dout


# binary ops, same shape and broadcast
for op, fn in [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul)]:
    case(f"{op}_same", fn, rand(3, 5), rand(3, 5))
    case(f"{op}_row", fn, rand(2, 3, 4), rand(3, 1))
    case(f"{op}_outer", fn, rand(4, 1, 3), rand(1, 5, 1))
    case(f"{op}_scalar_tensor", fn, rand(2, 3), rand(1))
    case(f"{op}_channels", fn, rand(2, 3, 4, 5), rand(1, 3, 1, 1))
case("div_same", torch.div, rand(3, 5), positive(3, 5))
case("div_row", torch.div, rand(2, 3, 4), positive(3, 1))
case("div_outer", torch.div, positive(4, 1, 3), positive(1, 5, 1))
case("div_channels", torch.div, rand(2, 3, 4, 5), positive(2, 3, 1, 1))
case("add_float", lambda x: x + 1.5, rand(3, 4))
case("rsub_float", lambda x: 1.5 - x, rand(3, 4))
case("mul_float", lambda x: x * -0.75, rand(3, 4))
case("div_float", lambda x: x / 3.0, rand(3, 4))
case("rdiv_float", lambda x: 2.0 / x, positive(3, 4))

# unary ops and activations, on an odd 2-D shape and a 1-D length that leaves vector tails
for shape_name, shape in [("2d", (3, 7)), ("1d", (37,))]:
    case(f"neg_{shape_name}", torch.neg, rand(*shape))
    case(f"exp_{shape_name}", torch.exp, rand(*shape))
    case(f"log_{shape_name}", torch.log, positive(*shape))
    case(f"sqrt_{shape_name}", torch.sqrt, positive(*shape))
    case(f"abs_{shape_name}", torch.abs, rand(*shape))
    case(f"pow2_{shape_name}", lambda x: torch.pow(x, 2.0), rand(*shape))
    case(f"pow3_{shape_name}", lambda x: torch.pow(x, 3.0), rand(*shape))
    case(f"pow_half_{shape_name}", lambda x: torch.pow(x, 0.5), positive(*shape))
    case(f"clamp_{shape_name}", lambda x: torch.clamp(x, -0.5, 0.7), rand(*shape))
    case(f"relu_{shape_name}", F.relu, rand(*shape))
    case(f"leaky_relu_{shape_name}", lambda x: F.leaky_relu(x, 0.1), rand(*shape))
    case(f"gelu_{shape_name}", F.gelu, rand(*shape, low=-4, high=4))
    case(f"silu_{shape_name}", F.silu, rand(*shape, low=-6, high=6))
    case(f"sigmoid_{shape_name}", torch.sigmoid, rand(*shape, low=-6, high=6))
    case(f"tanh_{shape_name}", torch.tanh, rand(*shape))
    case(f"logsigmoid_{shape_name}", F.logsigmoid, rand(*shape, low=-30, high=30))
case("softmax_last", lambda x: torch.softmax(x, -1), rand(4, 7, low=-5, high=5))
case("softmax_middle", lambda x: torch.softmax(x, 1), rand(2, 5, 3, low=-5, high=5))
case("log_softmax_last", lambda x: torch.log_softmax(x, -1), rand(4, 7, low=-30, high=30))
case("log_softmax_first", lambda x: torch.log_softmax(x, 0), rand(3, 4, low=-5, high=5))

# reductions
case("sum_all", torch.sum, rand(3, 4, 5))
case("sum_axis1_keep", lambda x: x.sum(dim=1, keepdim=True), rand(3, 4, 5))
case("sum_axes02", lambda x: x.sum(dim=[0, 2]), rand(3, 4, 5))
case("sum_last", lambda x: x.sum(dim=-1), rand(6, 33))
case("mean_all", torch.mean, rand(3, 4, 5))
case("mean_axes03_keep", lambda x: x.mean(dim=[0, 3], keepdim=True), rand(2, 3, 4, 5))
case("mean_spatial", lambda x: x.mean(dim=[2, 3]), rand(2, 3, 4, 5))
case("max_axis1", lambda x: x.max(dim=1).values, rand(3, 5, 4))
case("max_last_keep", lambda x: x.max(dim=-1, keepdim=True).values, rand(4, 9))
case("var_axis1", lambda x: x.var(dim=1), rand(3, 6, 2))
case("var_axes02_population_keep", lambda x: torch.var(x, dim=[0, 2], correction=0, keepdim=True), rand(3, 4, 5))

# shape ops
case("reshape", lambda x: x.reshape(4, -1), rand(2, 3, 4))
case("flatten", lambda x: torch.flatten(x, 1), rand(2, 3, 4, 5))
case("permute", lambda x: x.permute(2, 0, 1), rand(2, 3, 4))
case("permute4", lambda x: x.permute(0, 2, 3, 1), rand(2, 3, 4, 5))
case("transpose", lambda x: x.transpose(0, 2), rand(2, 3, 4, 5))
case("cat_axis1", lambda a, b, c: torch.cat([a, b, c], 1), rand(2, 3, 4), rand(2, 1, 4), rand(2, 5, 4))
case("cat_axis0", lambda a, b: torch.cat([a, b], 0), rand(2, 7), rand(3, 7))
case("stack_axis1", lambda a, b: torch.stack([a, b], 1), rand(3, 4), rand(3, 4))
case("slice_middle", lambda x: x[:, 1:4, :], rand(3, 6, 2))
case("slice_last", lambda x: x[..., 2:], rand(2, 3, 5))
case("pad_two_axes", lambda x: F.pad(x, (1, 2, 0, 1), value=0.5), rand(2, 3, 4, 5))
case("pad_crop", lambda x: F.pad(x, (-1, 2)), rand(3, 6))

# cross entropy with class indices
logits = rand(6, 5, low=-4, high=4)
targets = torch.tensor([0, 4, 2, 2, 1, 3])
class_weight = positive(5)
case("ce_mean", lambda x, t: F.cross_entropy(x, t), logits, targets=targets)
case("ce_sum", lambda x, t: F.cross_entropy(x, t, reduction="sum"), logits, targets=targets)
case("ce_none", lambda x, t: F.cross_entropy(x, t, reduction="none"), logits, targets=targets)
case("ce_smoothing", lambda x, t: F.cross_entropy(x, t, label_smoothing=0.1), logits, targets=targets)
case("ce_weight", lambda x, w, t: F.cross_entropy(x, t, weight=w), logits, class_weight, targets=targets, constant=(1,))
case("ce_weight_smoothing", lambda x, w, t: F.cross_entropy(x, t, weight=w, label_smoothing=0.2), logits, class_weight, targets=targets, constant=(1,))
case("ce_weight_smoothing_none", lambda x, w, t: F.cross_entropy(x, t, weight=w, label_smoothing=0.2, reduction="none"), logits, class_weight, targets=targets, constant=(1,))
case("ce_weight_smoothing_sum", lambda x, w, t: F.cross_entropy(x, t, weight=w, label_smoothing=0.2, reduction="sum"), logits, class_weight, targets=targets, constant=(1,))

# cross entropy with target probabilities
soft = torch.softmax(rand(6, 5, low=-3, high=3), 1)
case("ce_soft", lambda x, p: F.cross_entropy(x, p), logits, soft)
case("ce_soft_smoothing", lambda x, p: F.cross_entropy(x, p, label_smoothing=0.1), logits, soft)
case("ce_soft_weight_none", lambda x, p, w: F.cross_entropy(x, p, weight=w, reduction="none"), logits, soft, class_weight)
case("ce_soft_weight_smoothing_sum", lambda x, p, w: F.cross_entropy(x, p, weight=w, label_smoothing=0.3, reduction="sum"), logits, soft, class_weight)

# binary cross entropy on logits, and focal loss
bce_logits = rand(4, 3, low=-20, high=20)
bce_targets = torch.tensor([[0.0, 1.0, 1.0], [1.0, 0.0, 0.3], [0.0, 0.0, 1.0], [1.0, 0.8, 0.0]])
case("bce_mean", lambda x, t: F.binary_cross_entropy_with_logits(x, t), bce_logits, bce_targets)
case("bce_none", lambda x, t: F.binary_cross_entropy_with_logits(x, t, reduction="none"), bce_logits, bce_targets)
case("bce_weight_sum", lambda x, t, w: F.binary_cross_entropy_with_logits(x, t, weight=w, reduction="sum"), bce_logits, bce_targets, positive(4, 3), constant=(2,))
case("bce_pos_weight", lambda x, t, p: F.binary_cross_entropy_with_logits(x, t, pos_weight=p), bce_logits, bce_targets, positive(3), constant=(2,))
case("bce_weight_pos_weight_none", lambda x, t, w, p: F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=p, reduction="none"),
     bce_logits, bce_targets, positive(1, 3), positive(3), constant=(2, 3))


def sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2.0, reduction="mean"):
    """torchvision.ops.sigmoid_focal_loss, verbatim (torchvision 0.14)."""
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    return loss


try:
    from torchvision.ops import sigmoid_focal_loss as tv_focal  # noqa: F401  (checked equal when installed)
except ImportError:
    tv_focal = None
focal_logits = rand(4, 3, low=-4, high=4)
case("focal_mean", lambda x, t: sigmoid_focal_loss(x, t), focal_logits, bce_targets)
case("focal_no_alpha_sum", lambda x, t: sigmoid_focal_loss(x, t, alpha=-1, gamma=1.5, reduction="sum"), focal_logits, bce_targets)
case("focal_none", lambda x, t: sigmoid_focal_loss(x, t, alpha=0.6, gamma=3.0, reduction="none"), focal_logits, bce_targets)
if tv_focal is not None:
    x = focal_logits.double()
    assert torch.allclose(tv_focal(x, bce_targets.double(), reduction="mean"), sigmoid_focal_loss(x, bce_targets.double()))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ops.safetensors")
save(out, tensors, metadata={"generator": "generate_op_fixtures.py", "torch": torch.__version__})
print(f"wrote {len(tensors)} tensors to {out} ({os.path.getsize(out)} bytes)")
