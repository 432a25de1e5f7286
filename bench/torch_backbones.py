# torchvision's efficientnet_v2_s and resnet50 (1000 classes) at batch 16 on 3 x 224 x 224, PyTorch on the CPU: the
# peer of `Hark.Bench backbones` (bench/backbones.sh runs both). Usage: torch_backbones.py [threads] [steps]
# Training steps are forward + backward + AdamW after one warm-up; inference in eval mode under no_grad. The depthwise
# share of an efficientnet step: each MBConv block's depthwise geometry timed alone (forward + backward), summed.
import sys, time, torch, torch.nn.functional as F, torchvision
from torchvision.models.efficientnet import _make_divisible
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.manual_seed(0)
B, SIZE = 16, 224
x = torch.randn(B, 3, SIZE, SIZE)
y = torch.randint(0, 1000, (B,))


def measure(name, model):
    opt = torch.optim.AdamW(model.parameters(), 1e-3, weight_decay=1e-4)
    def step():
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        opt.step()
    model.train()
    step()
    t = time.perf_counter()
    for _ in range(steps): step()
    step_seconds = (time.perf_counter() - t) / steps
    print(f"{name} train samples/s {B / step_seconds:.2f}")
    model.eval()
    with torch.no_grad():
        model(x)
        t = time.perf_counter()
        for _ in range(steps): model(x)
    print(f"{name} infer samples/s {steps * B / (time.perf_counter() - t):.2f}")
    return step_seconds


def depthwise_seconds():
    stages = [(True, 1, 3, 1, 24, 24, 2), (True, 4, 3, 2, 24, 48, 4), (True, 4, 3, 2, 48, 64, 4),
              (False, 4, 3, 2, 64, 128, 6), (False, 6, 3, 1, 128, 160, 9), (False, 6, 3, 2, 160, 256, 15)]
    geometries, side = [], SIZE // 2
    for fused, expand, kernel, stride, cin, cout, layers in stages:
        for layer in range(layers):
            s = stride if layer == 0 else 1
            if not fused:
                geometries.append((_make_divisible((cin if layer == 0 else cout) * expand, 8), side, kernel, s))
            side = (side + s - 1) // s
    # inputs drawn once, outside the timing: only the convolutions and their gradients are timed
    cases = [(torch.randn(B, c, side, side, requires_grad=True), torch.randn(c, 1, kernel, kernel, requires_grad=True), kernel, stride, c)
             for c, side, kernel, stride in geometries]
    def run():
        for xi, w, kernel, stride, channels in cases:
            xi.grad = w.grad = None
            F.conv2d(xi, w, None, stride, (kernel - 1) // 2, 1, channels).sum().backward()
    run()
    t = time.perf_counter()
    for _ in range(steps): run()
    return (time.perf_counter() - t) / steps


effnet_step = measure("efficientnet-v2-s", torchvision.models.efficientnet_v2_s())
depthwise = depthwise_seconds()
print(f"efficientnet-v2-s depthwise share {depthwise / effnet_step:.3f} ({depthwise * 1000:.0f} ms of {effnet_step * 1000:.0f} ms per step)")
measure("resnet50", torchvision.models.resnet50())
