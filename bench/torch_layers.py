# Times forward and backward of each seed-000 layer shape (batch 32, 3x96x96 input) in PyTorch, to compare with
# `dotnet run --project bench/Hark.Bench -c Release -- layers`. Run with Debian's /usr/bin/python3.
import sys, time, torch, torch.nn.functional as F
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
B = 32
layers = [(3, 16, 96), (16, 32, 48), (32, 48, 24), (48, 64, 12), (64, 64, 6)]

def timed(fn, reps):
    fn()
    t = time.perf_counter()
    for _ in range(reps): fn()
    return (time.perf_counter() - t) / reps * 1e3

for cin, cout, size in layers:
    x = torch.randn(B, cin, size, size, requires_grad=True)
    w = torch.randn(cout, cin, 3, 3, requires_grad=True)
    b = torch.randn(cout, requires_grad=True)
    y = F.conv2d(x, w, b, padding=1)
    dy = torch.randn_like(y)
    reps = 5
    conv_f = timed(lambda: F.conv2d(x, w, b, padding=1), reps)
    conv_b = timed(lambda: torch.autograd.grad(F.conv2d(x, w, b, padding=1), (x, w, b), dy), reps) - conv_f
    g = torch.randn(cout, requires_grad=True); be = torch.randn(cout, requires_grad=True)
    rm, rv = torch.zeros(cout), torch.ones(cout)
    yd = y.detach().requires_grad_()
    bn_f = timed(lambda: F.batch_norm(yd, rm, rv, g, be, True), reps)
    bn_b = timed(lambda: torch.autograd.grad(F.batch_norm(yd, rm, rv, g, be, True), (yd, g, be), dy), reps) - bn_f
    pool_f = timed(lambda: F.max_pool2d(yd, 2), reps)
    dp = torch.randn_like(F.max_pool2d(yd, 2))
    pool_b = timed(lambda: torch.autograd.grad(F.max_pool2d(yd, 2), (yd,), dp), reps) - pool_f
    act_f = timed(lambda: F.leaky_relu(yd, 0.01), reps)
    print(f"{cin:>3}->{cout:<3} @{size:<3} conv fwd {conv_f:7.2f} bwd {conv_b:7.2f} | bn fwd {bn_f:6.2f} bwd {bn_b:6.2f} | pool fwd {pool_f:6.2f} bwd {pool_b:6.2f} | leaky fwd {act_f:6.2f} ms")
