# Multi-label PyTorch reference for ../shared/data/fsdd-mix, in the style of ../shared/bench/peer_torch_train.py: the same
# front end (torchaudio log-mel, per-clip standardisation), the same CNN and recipe (AdamW, OneCycle per batch, SpecAugment,
# MixUp 0.3 on inputs and multi-hot targets, grad clip 1, EMA 0.999 with warm-up), but BCE-with-logits on multi-hot targets
# (no label smoothing) and sigmoid outputs. Test metrics with the EMA weights: LWLRAP as defined for FSDKaggle2019
# (label-weighted label-ranking average precision) and sklearn's macro average precision (mAP).
# CSV columns: path,labels,split (labels comma-separated; split train/test). Run with Debian's /usr/bin/python3.
# Usage: fsdd_mix_torch.py CSV [--sr 16000 --seconds 2.0 --n-fft 512 --hop 160 --mels 64 --epochs 12 --threads 2 --seed 0]
import argparse, csv, time, random, numpy as np, torch, torch.nn as nn, torch.nn.functional as F, torchaudio, soundfile as sf
from sklearn.metrics import average_precision_score
p = argparse.ArgumentParser(); p.add_argument("csv"); p.add_argument("--sr", type=int, default=16000); p.add_argument("--seconds", type=float, default=2.0)
p.add_argument("--n-fft", type=int, default=512); p.add_argument("--hop", type=int, default=160); p.add_argument("--mels", type=int, default=64)
p.add_argument("--epochs", type=int, default=12); p.add_argument("--threads", type=int, default=2); p.add_argument("--seed", type=int, default=0); p.add_argument("--batch", type=int, default=32)
a = p.parse_args(); torch.set_num_threads(a.threads); random.seed(a.seed); np.random.seed(a.seed); torch.manual_seed(a.seed)
rows = list(csv.DictReader(open(a.csv)))
def labels_of(r): return [t.strip() for t in r["labels"].replace(";", ",").split(",") if t.strip()]
classes = sorted({t for r in rows for t in labels_of(r)}); ci = {c: i for i, c in enumerate(classes)}
mel = torchaudio.transforms.MelSpectrogram(a.sr, n_fft=a.n_fft, hop_length=a.hop, n_mels=a.mels, norm="slaney", mel_scale="slaney")
N = int(a.sr * a.seconds); t0 = time.perf_counter(); rs = {}
def feat(path):
    x, sr = sf.read(path, dtype="float32", always_2d=True); x = torch.from_numpy(x.mean(1).copy())
    if sr != a.sr:
        if sr not in rs: rs[sr] = torchaudio.transforms.Resample(sr, a.sr)
        x = rs[sr](x)
    x = F.pad(x, (0, max(0, N - len(x))))[:N]
    s = torchaudio.functional.amplitude_to_DB(mel(x), 10, 1e-10, 0.0)
    return (s - s.mean()) / (s.std() + 1e-6)
def multi_hot(r):
    y = torch.zeros(len(classes))
    for t in labels_of(r): y[ci[t]] = 1.0
    return y
data = {k: ([], []) for k in ("train", "val", "test")}
for r in rows:
    data[r["split"]][0].append(feat(r["path"])); data[r["split"]][1].append(multi_hot(r))
X = {k: torch.stack(v[0]).unsqueeze(1) for k, v in data.items() if v[0]}; Y = {k: torch.stack(v[1]) for k, v in data.items() if v[0]}
tf = time.perf_counter() - t0
class Net(nn.Module):
    def __init__(s, n):
        super().__init__()
        def blk(i, o): return nn.Sequential(nn.Conv2d(i,o,3,padding=1), nn.BatchNorm2d(o), nn.ReLU(), nn.Conv2d(o,o,3,padding=1), nn.BatchNorm2d(o), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2))
        s.f = nn.Sequential(blk(1,32), blk(32,64), blk(64,128)); s.h = nn.Sequential(nn.Linear(128,128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128,n))
    def forward(s, x): return s.h(s.f(x).mean((2,3)))
m = Net(len(classes)); ema = {k: v.detach().clone() for k, v in m.state_dict().items()}
opt = torch.optim.AdamW(m.parameters(), 1e-3, weight_decay=1e-4); steps = a.epochs * ((len(X["train"]) + a.batch - 1) // a.batch)
sch = torch.optim.lr_scheduler.OneCycleLR(opt, 3e-3, total_steps=steps, pct_start=0.3, div_factor=10, final_div_factor=100)
def specaug(x):
    x = x.clone()
    for i in range(len(x)):
        if random.random() < 0.7:
            f = random.randint(0, 8); f0 = random.randint(0, x.shape[2] - f); x[i, :, f0:f0+f, :] = 0
            t = random.randint(0, 12); t0_ = random.randint(0, x.shape[3] - t); x[i, :, :, t0_:t0_+t] = 0
    return x
def lwlrap(truth, scores):
    # FSDKaggle2019's metric (Dan Ellis' reference): per positive label, the precision of the ranked list down to that label;
    # averaged per class, then weighted by each class's share of all positive labels.
    hits = np.zeros_like(scores, dtype=float)
    for i in range(len(scores)):
        positives = np.flatnonzero(truth[i] > 0)
        if not len(positives): continue
        ranking = np.zeros(scores.shape[1], dtype=int); ranking[np.argsort(scores[i])[::-1]] = np.arange(scores.shape[1])
        retrieved = np.zeros(scores.shape[1], dtype=bool); retrieved[ranking[positives]] = True
        hits[i, positives] = np.cumsum(retrieved)[ranking[positives]] / (1 + ranking[positives].astype(float))
    per_class = truth.sum(0)
    return float(np.sum(hits.sum(0) / np.maximum(1, per_class) * per_class / per_class.sum()))
def evaluate(split):
    cur = {k: v.clone() for k, v in m.state_dict().items()}; m.load_state_dict(ema); m.eval()
    with torch.no_grad(): pr = torch.cat([torch.sigmoid(m(X[split][i:i+256])) for i in range(0, len(X[split]), 256)]).numpy()
    m.load_state_dict(cur); m.train(); y = Y[split].numpy()
    return lwlrap(y, pr), average_precision_score(y, pr, average="macro")
t1 = time.perf_counter(); step = 0
for ep in range(a.epochs):
    perm = torch.randperm(len(X["train"]))
    for i in range(0, len(perm), a.batch):
        idx = perm[i:i+a.batch]; x = specaug(X["train"][idx]); y = Y["train"][idx]
        lam = float(np.random.beta(0.3, 0.3)); j = torch.randperm(len(idx)); x = lam * x + (1 - lam) * x[j]; y = lam * y + (1 - lam) * y[j]
        out = m(x); loss = F.binary_cross_entropy_with_logits(out, y)
        opt.zero_grad(set_to_none=True); loss.backward(); nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step(); sch.step()
        step += 1; d = min(0.999, (1 + step) / (10 + step))  # EMA with warm-up (timm #1182)
        with torch.no_grad():
            for k, v in m.state_dict().items():
                ema[k].mul_(d).add_(v, alpha=1 - d) if v.dtype.is_floating_point else ema[k].copy_(v)
tt = time.perf_counter() - t1
lw, mp = evaluate("test")
print(f"classes={len(classes)} train={len(X['train'])} test={len(X['test'])} features_s={tf:.1f} train_s={tt:.1f} ({a.epochs*len(X['train'])/tt:.0f} samples/s) test_lwlrap={lw:.4f} test_map={mp:.4f}")
