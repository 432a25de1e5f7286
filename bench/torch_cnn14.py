# PANNs' CNN14 (models.py, mean+max head, 527 classes) on 10 s clips at batch 8, [1, 1001 frames, 64 mels] log-mels,
# with PyTorch on the CPU: the peer of `Hark.Bench cnn14` (bench/engine.sh runs both). Usage: torch_cnn14.py [threads] [steps]
import sys, time, torch, torch.nn as nn, torch.nn.functional as F
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.manual_seed(0)

class ConvBlock(nn.Module):
    def __init__(self, i, o):
        super().__init__()
        self.conv1 = nn.Conv2d(i, o, 3, padding=1, bias=False); self.bn1 = nn.BatchNorm2d(o)
        self.conv2 = nn.Conv2d(o, o, 3, padding=1, bias=False); self.bn2 = nn.BatchNorm2d(o)
    def forward(self, x, pool):
        x = F.relu(self.bn1(self.conv1(x))); x = F.relu(self.bn2(self.conv2(x)))
        return F.avg_pool2d(x, pool)

class Cnn14(nn.Module):
    def __init__(self, classes=527):
        super().__init__()
        self.bn0 = nn.BatchNorm2d(64)
        widths = [1, 64, 128, 256, 512, 1024, 2048]
        self.blocks = nn.ModuleList([ConvBlock(widths[i], widths[i + 1]) for i in range(6)])
        self.fc1 = nn.Linear(2048, 2048); self.fc_audioset = nn.Linear(2048, classes)
    def forward(self, x):  # x [batch, 1, frames, mels]
        x = self.bn0(x.transpose(1, 3)).transpose(1, 3)
        for i, block in enumerate(self.blocks):
            x = F.dropout(block(x, (2, 2) if i < 5 else (1, 1)), 0.2, self.training)
        x = x.mean(3)
        x = x.max(2)[0] + x.mean(2)
        x = F.relu(self.fc1(F.dropout(x, 0.5, self.training)))
        return self.fc_audioset(x)

B = 8
m = Cnn14()
print("cnn14 params", sum(p.numel() for p in m.parameters()))
opt = torch.optim.AdamW(m.parameters(), 1e-3, weight_decay=1e-4)
x = torch.randn(B, 1, 1001, 64)
y = torch.randint(0, 527, (B,))
def step():
    opt.zero_grad(set_to_none=True)
    F.cross_entropy(m(x), y).backward()
    opt.step()
step()
t = time.perf_counter()
for _ in range(steps): step()
print(f"cnn14 train samples/s {steps * B / (time.perf_counter() - t):.2f}")
m.eval()
with torch.no_grad():
    m(x)
    t = time.perf_counter()
    for _ in range(steps): m(x)
print(f"cnn14 infer samples/s {steps * B / (time.perf_counter() - t):.2f}")
