"""Golden outputs and gradients of Hark's heavy ops (conv, pooling, batch norm, linear, matmul, bmm), by PyTorch.

Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Tensors.Tests/Fixtures/generate_kernel_fixtures.py
It writes kernels.safetensors beside itself. For each case NAME the file holds
    NAME.x0, NAME.x1, ...   float inputs (input, weight, bias as the op takes them; float32 values, float64 math)
    NAME.out                the op's output
    NAME.dout               the upstream gradient used for the backward
    NAME.dx0, NAME.dx1, ... the gradient of every input
    NAME.running_mean, NAME.running_var (+ .._after)  batch-norm running statistics before and after the call
The metadata entry "cases" is a JSON object NAME -> {"op": ..., parameters}, so the C# test
(tests/Hark.Tensors.Tests/Ops/KernelFixtureTests.cs) runs every case without repeating its parameters.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "tools", "pyfixtures"))
from safetensors_io import save  # noqa: E402

torch.manual_seed(0)
tensors, cases = {}, {}


def rand(*shape):
    return torch.randn(*shape).float()


def case(name, op, params, fn, *inputs, extra=None):
    xs = [x.double().clone().requires_grad_() for x in inputs]
    out = fn(*xs)
    dout = torch.randn(out.shape).float().double()
    out.backward(dout)
    for i, x in enumerate(inputs):
        tensors[f"{name}.x{i}"] = x
        tensors[f"{name}.dx{i}"] = xs[i].grad
    tensors[f"{name}.out"] = out.detach()
    tensors[f"{name}.dout"] = dout
    for key, value in (extra or {}).items():
        tensors[f"{name}.{key}"] = value
    cases[name] = {"op": op, **params}


# conv2d: odd sizes, stride / padding / dilation / groups / depthwise / no bias
conv_cases = [
    ("conv_1x1", (1, 1, 1, 1), (1, 1, 1, 1), 1, 0, 1, 1, True),
    ("conv_3x3_pad1", (2, 3, 5, 7), (4, 3, 3, 3), 1, 1, 1, 1, True),
    ("conv_stride2", (2, 3, 7, 13), (5, 3, 3, 2), (2, 1), (0, 1), 1, 1, True),
    ("conv_dilation", (1, 4, 9, 8), (6, 2, 3, 3), (2, 3), (2, 1), (2, 1), 2, True),
    ("conv_depthwise", (2, 6, 7, 7), (6, 1, 3, 3), 1, 1, 1, 6, True),
    ("conv_pointwise_nobias", (3, 4, 6, 5), (8, 4, 1, 1), 1, 0, 1, 1, False),
    ("conv_seed_block", (2, 16, 6, 6), (24, 16, 3, 3), 1, 1, 1, 1, True),
    ("conv_5x5_groups", (2, 4, 11, 9), (6, 2, 5, 5), 2, 2, 1, 2, False),
]
for name, xs, ws, stride, padding, dilation, groups, bias in conv_cases:
    pair = lambda v: list(v) if isinstance(v, tuple) else [v, v]
    params = {"stride": pair(stride), "padding": pair(padding), "dilation": pair(dilation), "groups": groups, "bias": bias}
    inputs = [rand(*xs), rand(*ws) * 0.5] + ([rand(ws[0])] if bias else [])
    fn = lambda x, w, b=None, s=stride, p=padding, d=dilation, g=groups: F.conv2d(x, w, b, s, p, d, g)
    case(name, "conv2d", params, fn, *inputs)

# pooling: fixed windows with stride and padding, adaptive (uneven and global)
for name, shape, k, s, p in [("maxpool_2", (2, 3, 8, 8), 2, 2, 0), ("maxpool_odd", (2, 3, 7, 13), (3, 2), (2, 1), (1, 1)),
                             ("maxpool_3s1", (1, 2, 5, 5), 3, 1, 1), ("maxpool_unbatched", (3, 9, 6), 2, 2, 0)]:
    pair = lambda v: list(v) if isinstance(v, tuple) else [v, v]
    case(name, "max_pool2d", {"kernel": pair(k), "stride": pair(s), "padding": pair(p)},
         lambda x, k=k, s=s, p=p: F.max_pool2d(x, k, s, p), rand(*shape))
for name, shape, k, s, p in [("avgpool_2", (2, 3, 8, 8), 2, 2, 0), ("avgpool_odd_pad", (2, 3, 7, 13), (3, 2), (2, 1), (1, 1)),
                             ("avgpool_3s2p1", (1, 2, 9, 6), 3, 2, 1)]:
    pair = lambda v: list(v) if isinstance(v, tuple) else [v, v]
    case(name, "avg_pool2d", {"kernel": pair(k), "stride": pair(s), "padding": pair(p)},
         lambda x, k=k, s=s, p=p: F.avg_pool2d(x, k, s, p), rand(*shape))
for name, shape, size in [("adaptive_uneven", (2, 3, 7, 13), (3, 5)), ("adaptive_global", (2, 4, 6, 5), (1, 1)),
                          ("adaptive_upsample", (1, 2, 3, 4), (5, 6))]:
    case(f"adaptiveavg_{name}", "adaptive_avg_pool2d", {"size": list(size)}, lambda x, o=size: F.adaptive_avg_pool2d(x, o), rand(*shape))
    case(f"adaptivemax_{name}", "adaptive_max_pool2d", {"size": list(size)}, lambda x, o=size: F.adaptive_max_pool2d(x, o), rand(*shape))

# batch norm: 1d ([N, C] and [N, C, L]) and 2d, training and evaluation, with and without affine parameters
for name, shape, training, affine, momentum, eps in [
    ("bn1d_train", (6, 3), True, True, 0.1, 1e-5), ("bn1d_seq_train", (4, 3, 5), True, True, 0.3, 1e-3),
    ("bn2d_train", (3, 4, 5, 7), True, True, 0.1, 1e-5), ("bn2d_train_noaffine", (2, 3, 4, 5), True, False, 0.1, 1e-5),
    ("bn2d_eval", (3, 4, 5, 7), False, True, 0.1, 1e-5), ("bn1d_eval", (5, 3), False, True, 0.1, 1e-5),
]:
    channels = shape[1]
    running_mean, running_var = rand(channels) * 0.5, torch.rand(channels).float() + 0.5
    rm, rv = running_mean.double().clone(), running_var.double().clone()
    inputs = [rand(*shape) * 2 + 1] + ([rand(channels), rand(channels)] if affine else [])
    fn = (lambda x, w=None, b=None, t=training, m=momentum, e=eps: F.batch_norm(x, rm, rv, w, b, t, m, e))
    extra = {"running_mean": running_mean, "running_var": running_var}
    case(name, "batch_norm", {"training": training, "affine": affine, "momentum": momentum, "eps": eps}, fn, *inputs, extra=extra)
    tensors[f"{name}.running_mean_after"] = rm
    tensors[f"{name}.running_var_after"] = rv

# linear, matmul (every torch.matmul rank rule and broadcasting), bmm
case("linear_bias", "linear", {"bias": True}, F.linear, rand(5, 7), rand(3, 7), rand(3))
case("linear_nobias_3d", "linear", {"bias": False}, F.linear, rand(2, 3, 7), rand(4, 7))
case("linear_wide", "linear", {"bias": True}, F.linear, rand(33, 32), rand(32, 32), rand(32))
for name, a, b in [("dot", (5,), (5,)), ("vecmat", (5,), (5, 3)), ("matvec", (4, 5), (5,)), ("mm", (4, 5), (5, 3)),
                   ("batched_mat", (2, 4, 5), (5, 3)), ("mat_batched", (4, 5), (2, 5, 3)),
                   ("broadcast", (2, 1, 4, 5), (3, 5, 3)), ("vec_batched", (3,), (2, 3, 2)), ("big", (37, 33), (33, 32))]:
    case(f"matmul_{name}", "matmul", {}, torch.matmul, rand(*a), rand(*b))
case("bmm", "bmm", {}, torch.bmm, rand(3, 4, 5), rand(3, 5, 6))

save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernels.safetensors"), tensors, {"cases": json.dumps(cases)})
print(f"{len(cases)} cases, {len(tensors)} tensors")
