"""PyTorch's side of bench/gpu.sh, on the GPU: throughput of the seed-000 network and CNN14 as
../shared/bench/peer_torch_gpu.py measures them (its model definitions, repeated here because the GPU machine has no
shared/), and parity with the seed-000 case Hark.Bench.Gpu wrote. Usage:
    gpu_torch.py throughput
    gpu_torch.py parity DIR      (DIR/seed000: state/*.npy, input0..2.npy, labels.npy, hark_*.npy)"""
import os, sys, time
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

dev = "cuda"


def block(i, o, pool=True, drop=0.0):
    layers = [nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.LeakyReLU(0.01)]
    if pool: layers.append(nn.MaxPool2d(2))
    if drop > 0: layers.append(nn.Dropout(drop))
    return nn.Sequential(*layers)


class Branch(nn.Module):
    def __init__(s):
        super().__init__(); s.f = nn.Sequential(block(3, 16, True, 0), block(16, 32, True, .05), block(32, 48, True, .08), block(48, 64, True, .1), block(64, 64, False, .1))
    def forward(s, x): return s.f(x).mean((2, 3))


class Triple(nn.Module):
    def __init__(s, n=16, head_dropout=0.3):
        super().__init__(); s.b = nn.ModuleList([Branch() for _ in range(3)]); s.fc1 = nn.Linear(192, 128); s.fc2 = nn.Linear(128, n); s.p = head_dropout
    def forward(s, x):
        h = torch.cat([m(t) for m, t in zip(s.b, x)], 1)
        return s.fc2(F.dropout(F.leaky_relu(s.fc1(h), 0.01), s.p, s.training))


class ConvBlock(nn.Module):
    def __init__(s, i, o):
        super().__init__(); s.c1 = nn.Conv2d(i, o, 3, padding=1, bias=False); s.b1 = nn.BatchNorm2d(o); s.c2 = nn.Conv2d(o, o, 3, padding=1, bias=False); s.b2 = nn.BatchNorm2d(o)
    def forward(s, x, pool=(2, 2)):
        x = F.relu(s.b1(s.c1(x))); x = F.relu(s.b2(s.c2(x))); return F.avg_pool2d(x, pool)


class Cnn14(nn.Module):  # PANNs CNN14 body on a precomputed log-mel (B, 1, T, 64)
    def __init__(s, n=80):
        super().__init__(); s.bn0 = nn.BatchNorm2d(64)
        ch = [1, 64, 128, 256, 512, 1024, 2048]; s.blocks = nn.ModuleList([ConvBlock(ch[i], ch[i + 1]) for i in range(6)])
        s.fc1 = nn.Linear(2048, 2048); s.out = nn.Linear(2048, n)
    def forward(s, x):
        x = s.bn0(x.transpose(1, 3)).transpose(1, 3)
        for i, b in enumerate(s.blocks):
            x = F.dropout(b(x, (2, 2) if i < 5 else (1, 1)), .2, s.training)
        x = x.mean(3); x = x.max(2)[0] + x.mean(2)
        x = F.relu(s.fc1(F.dropout(x, .5, s.training))); return s.out(F.dropout(x, .5, s.training))


def bench(name, m, x, y, batch, amp):
    m = m.to(dev)
    opt = torch.optim.AdamW(m.parameters(), 1e-3)
    def step():
        opt.zero_grad(set_to_none=True)
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=amp):
            loss = F.cross_entropy(m(x), y)
        loss.backward(); opt.step(); loss.item()  # the loss read-out, as Hark's timed step does
    for _ in range(5): step()
    torch.cuda.synchronize(); n = 30; t = time.perf_counter()
    for _ in range(n): step()
    torch.cuda.synchronize(); dt = time.perf_counter() - t
    m.eval()
    with torch.no_grad(), torch.autocast("cuda", dtype=torch.bfloat16, enabled=amp):
        for _ in range(5): m(x).cpu()
        torch.cuda.synchronize(); t = time.perf_counter()
        for _ in range(n): m(x).cpu()
        torch.cuda.synchronize(); di = time.perf_counter() - t
    suffix = " bf16" if amp else ""
    print(f"{name} B={batch}{suffix} train samples/s {n * batch / dt:.1f}")
    print(f"{name} B={batch}{suffix} infer samples/s {n * batch / di:.1f}")


def throughput():
    torch.backends.cudnn.benchmark = True
    torch.manual_seed(0)
    for batch in (32, 256):
        x = [torch.randn(batch, 3, 96, 96, device=dev) for _ in range(3)]; y = torch.randint(0, 16, (batch,), device=dev)
        bench("seed000", Triple(), x, y, batch, False)
    x = torch.randn(32, 1, 1001, 64, device=dev); y = torch.randint(0, 80, (32,), device=dev)
    bench("cnn14", Cnn14(), x, y, 32, False)
    x = torch.randn(128, 1, 1001, 64, device=dev); y = torch.randint(0, 80, (128,), device=dev)
    bench("cnn14", Cnn14(), x, y, 128, True)


def relative(actual, expected):
    return float(np.abs(actual - expected).max() / max(np.abs(expected).max(), 1e-30))


def parity(directory):
    folder = os.path.join(directory, "seed000")
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    model = Triple(head_dropout=0.0)
    for module in model.modules():
        if isinstance(module, nn.Dropout): module.p = 0.0
    state = model.state_dict()
    for key in state:
        path = os.path.join(folder, "state", key + ".npy")
        state[key] = torch.from_numpy(np.load(path)).to(state[key].dtype).reshape(state[key].shape)
    model.load_state_dict(state)
    model.to(dev)
    x = [torch.from_numpy(np.load(os.path.join(folder, f"input{i}.npy"))).to(dev) for i in range(3)]
    y = torch.from_numpy(np.load(os.path.join(folder, "labels.npy"))).long().to(dev)
    model.eval()
    with torch.no_grad(): logits = model(x).cpu().numpy()
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss = F.cross_entropy(model(x), y)
    opt.zero_grad(); loss.backward(); opt.step()
    model.eval()
    with torch.no_grad(): after = model(x).cpu().numpy()
    results = {
        "logits": relative(np.load(os.path.join(folder, "hark_logits.npy")), logits),
        "loss": relative(np.load(os.path.join(folder, "hark_loss.npy")), np.array([loss.item()], dtype=np.float32)),
        "logits_after_step": relative(np.load(os.path.join(folder, "hark_logits_after_step.npy")), after),
    }
    verdict = "ok" if max(results.values()) <= 1e-3 else "FAILED"
    print(f"seed000 hark cuda vs torch {torch.__version__} cuda (fp32, TF32 off): " + ", ".join(f"{k} rel {v:.2e}" for k, v in results.items()) + f" -> {verdict} (limit 1e-3)")


if __name__ == "__main__":
    if sys.argv[1] == "throughput": throughput()
    else: parity(sys.argv[2])
