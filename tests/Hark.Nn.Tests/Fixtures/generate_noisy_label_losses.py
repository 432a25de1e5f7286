"""Golden fixtures for the noisy-label losses (GeneralizedCrossEntropyLoss, SymmetricCrossEntropyLoss) from PyTorch 1.13.
Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Nn.Tests/Fixtures/generate_noisy_label_losses.py
Writes noisy_label_losses.safetensors: for every case <case>.loss (the reduced loss, or per-element values with
reduction none) and <case>.grad = d(sum(loss * weights)) / d(logits), with the inputs single.logits [6, 5],
single.targets [6] (class indices), multi.logits [4, 5], multi.hard [4, 5] (0/1), multi.soft [4, 5] (in [0, 1]) and
<case>.weights shaped like <case>.loss. The references below follow the papers' formulas and the SCE authors' code, in
float64 (the float32 results are what is stored).
"""
import math, os, sys
import torch
import torch.nn.functional as F

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "tools", "pyfixtures"))
import safetensors_io  # noqa: E402


def gce(logits, targets, q):
    """Zhang and Sabuncu 2018: (1 - p_y^q) / q, p = softmax(logits)."""
    p = torch.softmax(logits, dim=1).gather(1, targets[:, None])[:, 0]
    return (1 - p ** q) / q


def gce_multi_label(logits, targets, q):
    """Each class a binary problem: t (1 - p^q) / q + (1 - t) (1 - (1 - p)^q) / q, p = sigmoid(logits)."""
    p = torch.sigmoid(logits)
    return targets * (1 - p ** q) / q + (1 - targets) * (1 - (1 - p) ** q) / q


def sce(logits, targets, alpha, beta):
    """Wang et al. 2019, as the authors' SCELoss: alpha CE + beta RCE, p clamped to [1e-7, 1], one-hot to [1e-4, 1]."""
    ce = F.cross_entropy(logits, targets, reduction="none")
    p = torch.softmax(logits, dim=1).clamp(min=1e-7, max=1.0)
    one_hot = F.one_hot(targets, logits.shape[1]).to(logits.dtype).clamp(min=1e-4, max=1.0)
    rce = -torch.sum(p * torch.log(one_hot), dim=1)
    return alpha * ce + beta * rce


def sce_multi_label(logits, targets, alpha, beta):
    """The binary form per class: alpha BCE + beta (-(p log t' + (1 - p) log (1 - t)')), t' clamped to [1e-4, 1]."""
    bce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    p = torch.sigmoid(logits)
    rce = -(p.clamp(1e-7, 1.0) * torch.log(targets.clamp(1e-4, 1.0)) + (1 - p).clamp(1e-7, 1.0) * torch.log((1 - targets).clamp(1e-4, 1.0)))
    return alpha * bce + beta * rce


def reduce(loss, reduction):
    return {"mean": loss.mean(), "sum": loss.sum(), "none": loss}[reduction]


generator = torch.Generator().manual_seed(5)
single_logits = 3 * torch.randn((6, 5), generator=generator, dtype=torch.float64)
single_logits[0, 2] = 25.0  # a saturated softmax: p of the other classes ~1e-11, below the 1e-7 clamp
single_targets = torch.tensor([2, 0, 4, 1, 1, 3])
multi_logits = 3 * torch.randn((4, 5), generator=generator, dtype=torch.float64)
multi_hard = (torch.rand((4, 5), generator=generator) < 0.4).to(torch.float64)
multi_soft = torch.rand((4, 5), generator=generator, dtype=torch.float64)
tensors = {"single.logits": single_logits, "single.targets": single_targets, "multi.logits": multi_logits,
           "multi.hard": multi_hard, "multi.soft": multi_soft}

cases = {  # name: (loss of logits, logits, reduction)
    "gce_q0.7_mean": (lambda z: gce(z, single_targets, 0.7), single_logits, "mean"),
    "gce_q0.3_none": (lambda z: gce(z, single_targets, 0.3), single_logits, "none"),
    "gce_q1_sum": (lambda z: gce(z, single_targets, 1.0), single_logits, "sum"),
    "gce_multi_hard_q0.7_mean": (lambda z: gce_multi_label(z, multi_hard, 0.7), multi_logits, "mean"),
    "gce_multi_soft_q0.5_none": (lambda z: gce_multi_label(z, multi_soft, 0.5), multi_logits, "none"),
    "sce_a0.1_b1_mean": (lambda z: sce(z, single_targets, 0.1, 1.0), single_logits, "mean"),
    "sce_a1_b0.5_none": (lambda z: sce(z, single_targets, 1.0, 0.5), single_logits, "none"),
    "sce_multi_hard_a0.1_b1_mean": (lambda z: sce_multi_label(z, multi_hard, 0.1, 1.0), multi_logits, "mean"),
    "sce_multi_soft_a0.5_b0.5_sum": (lambda z: sce_multi_label(z, multi_soft, 0.5, 0.5), multi_logits, "sum"),
}
for name, (loss_of, logits, reduction) in cases.items():
    z = logits.clone().requires_grad_(True)
    loss = reduce(loss_of(z), reduction)
    weights = torch.randn(loss.shape, generator=generator, dtype=torch.float64)
    (loss * weights).sum().backward()
    tensors[f"{name}.loss"] = loss.detach()
    tensors[f"{name}.weights"] = weights
    tensors[f"{name}.grad"] = z.grad
    print(f"{name}: loss {loss.detach().numpy().round(5)}")
path = os.path.join(here, "noisy_label_losses.safetensors")
safetensors_io.save(path, tensors)
print(f"noisy_label_losses.safetensors: {os.path.getsize(path)} bytes")
