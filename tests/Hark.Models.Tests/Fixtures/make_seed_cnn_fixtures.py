"""Golden fixtures for SeedCnn from PyTorch 1.13, using the peer's own Triple class (../shared/bench/peer_torch_cnn.py)
so the state-dict keys are the peer's. Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Models.Tests/Fixtures/make_seed_cnn_fixtures.py
Inputs and labels are not stored: both sides compute them from an integer hash (see SeedCnnFixtureBatches.cs),
every value an exact float32. Writes:
  seed_cnn_initial.safetensors  the network as torch initialised it (manual_seed 0), buffers included
  seed_cnn_trained.pth          torch.save(state_dict) after 10 training steps (AdamW + OneCycleLR + label smoothing 0.1
                                + clip_grad_norm_ 1.0, dropout 0, batch 4 of three 3x32x32 inputs: 96x96 as in the
                                recipe makes the 10-step map too chaotic to compare, see below)
  seed_cnn_parity.safetensors   per-step losses, learning rates and gradient norms; eval-mode logits of the trained
                                network on a fixed batch of 2"""
import os, sys
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..", "..")
sys.path.insert(0, os.path.join(root, "tools", "pyfixtures"))
import safetensors_io  # noqa: E402

peer = os.path.join(root, "..", "shared", "bench", "peer_torch_cnn.py")
namespace = {}
exec(open(peer).read().split("\nm = Triple()")[0], namespace)  # the class definitions, not the benchmark
Triple = namespace["Triple"]

BATCH, SIZE, STEPS, CLASSES = 4, 32, 10, 16


def hashed(seed, count):
    """lowbias32 over (index + seed * 0x01000193) mod 2^32."""
    x = (np.arange(count, dtype=np.uint64) + np.uint64(seed) * np.uint64(0x01000193)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x7FEB352D)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x846CA68B)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    return x


def images(seed, batch):
    h = hashed(seed, batch * 3 * SIZE * SIZE)
    values = (h >> np.uint64(8)).astype(np.float64) / float(1 << 24) * 4.0 - 2.0  # exact in float32
    return torch.from_numpy(values.astype(np.float32).reshape(batch, 3, SIZE, SIZE))


def labels(seed, batch):
    return torch.from_numpy((hashed(seed, batch) % np.uint64(CLASSES)).astype(np.int64))


class TripleWithoutDropout(Triple):
    """The peer's network with the head's dropout at 0 (its blocks' Dropout layers get p = 0 below)."""
    def forward(self, a, b, c):
        h = torch.cat([m(x) for m, x in zip(self.b, (a, b, c))], 1)
        return self.fc2(F.leaky_relu(self.fc1(h), 0.01))


def build():
    torch.manual_seed(0)
    model = TripleWithoutDropout(CLASSES)
    for module in model.modules():
        if isinstance(module, nn.Dropout):
            module.p = 0.0
    assert sum(p.numel() for p in model.parameters()) == 278912
    return model


def freeze_noise_driven_biases(model):
    """A conv bias that feeds BatchNorm has a gradient that is exactly zero in exact arithmetic (the normalisation
    subtracts it again): its float32 gradient is rounding noise whose sign Adam turns into steps of ~lr, different on
    every implementation. Those 15 tensors are frozen for the parity run (on both sides); everything else trains."""
    for name, parameter in model.named_parameters():
        if name.startswith("b.") and name.endswith(".0.bias"):
            parameter.requires_grad_(False)


def train(model, data_seed):
    """The recipe under test; returns per-step losses, learning rates and gradient norms."""
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=STEPS, pct_start=0.3, div_factor=25, final_div_factor=4)
    losses, lrs, norms = [], [], []
    model.train()
    for step in range(STEPS):
        xs = [images(data_seed + 3 * step + branch, BATCH) for branch in range(3)]
        y = labels(data_seed + 800 + step, BATCH)
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(*xs), y, label_smoothing=0.1)
        loss.backward()
        norms.append(float(torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)))
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        schedule.step()
        losses.append(loss.item())
    return losses, lrs, norms


def max_difference(a, b):
    return max((a.state_dict()[k].double() - b.state_dict()[k].double()).abs().max().item() for k in a.state_dict())


# Ten steps are a chaotic map at the activation kinks: a LeakyReLU input or a max-pool pair within float32 noise of a
# tie goes one way in one implementation and the other way in another, and from then on Adam (which normalises
# gradients) spreads the difference to ~1e-3. Such a run cannot tell a correct engine from a wrong one, so the script
# uses the first data seed on which torch itself is stable: the same 10 steps from weights perturbed by one part in
# 1e7 must end within 1e-5 of the unperturbed run. The seed is stored for the C# side.
model = build()
safetensors_io.save(os.path.join(here, "seed_cnn_initial.safetensors"), model.state_dict())
perturbation = torch.Generator().manual_seed(1)
for data_seed in range(100, 100 + 1000 * 20, 1000):
    model = build()
    freeze_noise_driven_biases(model)
    losses, lrs, norms = train(model, data_seed)
    perturbed = build()
    with torch.no_grad():
        for p in perturbed.parameters():
            p.mul_(1 + 1e-7 * torch.randn(p.shape, generator=perturbation))
    freeze_noise_driven_biases(perturbed)
    train(perturbed, data_seed)
    drift = max_difference(model, perturbed)
    print(f"data seed {data_seed}: a 1e-7 perturbation of the weights moves the trained state by {drift:.3g}")
    if drift < 1e-5:
        break
else:
    raise SystemExit("no data seed gave a run that is stable under rounding-level perturbation")
torch.save(model.state_dict(), os.path.join(here, "seed_cnn_trained.pth"))

model.eval()
with torch.no_grad():
    logits = model(*[images(5000 + branch, 2) for branch in range(3)])
safetensors_io.save(os.path.join(here, "seed_cnn_parity.safetensors"), {
    "data_seed": torch.tensor([data_seed], dtype=torch.int64),
    "losses": torch.tensor(losses, dtype=torch.float64),
    "learning_rates": torch.tensor(lrs, dtype=torch.float64),
    "grad_norms": torch.tensor(norms, dtype=torch.float64),
    "logits": logits,
})
print("losses", losses)
print("grad norms", norms)
