"""Golden fixtures for Hark.Nn from PyTorch 1.13. Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Nn.Tests/Fixtures/make_fixtures.py
Writes optimizers.safetensors, clip_grad_norm.safetensors, schedules.json, small_state_dict.pth (+ its expected
values in small_state_dict.safetensors) and malicious.pth next to this script."""
import json, math, os, sys
import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "tools", "pyfixtures"))
import safetensors_io  # noqa: E402

torch.manual_seed(0)
shapes = [(4, 3), (5,), (2, 3, 3)]
initial = [torch.randn(s) for s in shapes]
grads = [[torch.randn(s) for s in shapes] for _ in range(10)]

# name -> (constructor, kwargs); "groups" puts the first parameter in its own group with its own lr / weight decay
configs = {
    "sgd": (torch.optim.SGD, dict(lr=0.1)),
    "sgd_momentum": (torch.optim.SGD, dict(lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    "sgd_nesterov": (torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.001)),
    "adam": (torch.optim.Adam, dict(lr=0.01)),
    "adam_l2": (torch.optim.Adam, dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    "adamw": (torch.optim.AdamW, dict(lr=0.01, weight_decay=0.05)),
    "adamw_groups": (torch.optim.AdamW, dict(lr=0.01, weight_decay=0.05, groups=dict(lr=0.003, weight_decay=0.0))),
}
tensors = {f"initial.{i}": p for i, p in enumerate(initial)}
for step, gs in enumerate(grads):
    for i, g in enumerate(gs):
        tensors[f"grad.{step}.{i}"] = g
for name, (cls, kwargs) in configs.items():
    kwargs = dict(kwargs)
    group = kwargs.pop("groups", None)
    params = [p.clone().requires_grad_(True) for p in initial]
    if group:
        opt = cls([dict(params=[params[0]], **group), dict(params=params[1:])], **kwargs)
    else:
        opt = cls(params, **kwargs)
    for step in range(10):
        for p, g in zip(params, grads[step]):
            p.grad = g.clone()
        opt.step()
        for i, p in enumerate(params):
            tensors[f"{name}.step{step}.{i}"] = p.detach().clone()
safetensors_io.save(os.path.join(here, "optimizers.safetensors"), tensors)

# clip_grad_norm_: above the limit (norm 2 and inf) and below it (no change)
clip = {}
for case, (max_norm, norm_type, scale) in {"l2": (1.0, 2.0, 1.0), "inf": (0.5, math.inf, 1.0), "below": (100.0, 2.0, 0.1)}.items():
    params = [torch.zeros(s, requires_grad=True) for s in shapes]
    for p, g in zip(params, grads[0]):
        p.grad = g.clone() * scale
    for i, p in enumerate(params):
        clip[f"{case}.before.{i}"] = p.grad.clone()
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type)
    clip[f"{case}.total_norm"] = total.reshape(1)
    for i, p in enumerate(params):
        clip[f"{case}.after.{i}"] = p.grad.clone()
safetensors_io.save(os.path.join(here, "clip_grad_norm.safetensors"), clip)

# schedules: the lr (and momentum) seen by the optimiser before each of the steps
def run(make_opt, make_sched, steps, metric=None):
    opt = make_opt()
    sched = make_sched(opt)
    lrs, moms = [], []
    for step in range(steps):
        lrs.append([g["lr"] for g in opt.param_groups])
        moms.append([g["betas"][0] if "betas" in g else g["momentum"] for g in opt.param_groups])
        opt.step()
        if metric is None:
            sched.step()
        else:
            sched.step(metric[step])
    return dict(lr=lrs, momentum=moms)

def sgd(lr=0.1, momentum=0.9, groups=1):
    ps = [torch.zeros(1, requires_grad=True) for _ in range(groups)]
    return torch.optim.SGD([dict(params=[p], lr=lr * (i + 1)) for i, p in enumerate(ps)], lr=lr, momentum=momentum)

def adamw(lr=1e-3):
    return torch.optim.AdamW([torch.zeros(1, requires_grad=True)], lr=lr, weight_decay=1e-4)

def cosine_warmup(warmup, total, min_ratio=0.0, cycles=0.5):
    def f(step):
        if step < warmup:
            return step / max(1, warmup)
        progress = (step - warmup) / max(1, total - warmup)
        return min_ratio + (1 - min_ratio) * max(0.0, 0.5 * (1.0 + math.cos(math.pi * cycles * 2.0 * progress)))
    return f

plateau_metrics = [1.0, 0.9, 0.91, 0.92, 0.93, 0.95, 0.89, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
accuracy = [0.1, 0.2, 0.2, 0.2, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]
schedules = {
    "onecycle_adamw": run(adamw, lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=3e-3, total_steps=50, pct_start=0.3, final_div_factor=100), 50),
    "onecycle_sgd_linear_three_phase": run(lambda: sgd(groups=2), lambda o: torch.optim.lr_scheduler.OneCycleLR(
        o, max_lr=[0.1, 0.2], epochs=4, steps_per_epoch=10, anneal_strategy="linear", three_phase=True, div_factor=10), 40),
    "cosine_warmup": run(lambda: sgd(groups=2), lambda o: torch.optim.lr_scheduler.LambdaLR(o, cosine_warmup(5, 30)), 30),
    "cosine_warmup_floor": run(adamw, lambda o: torch.optim.lr_scheduler.LambdaLR(o, cosine_warmup(3, 20, 0.1)), 20),
    "step": run(lambda: sgd(groups=2), lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 12),
    "plateau_min": run(lambda: sgd(groups=2), lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(
        o, factor=0.5, patience=2, threshold=0.01, cooldown=1, min_lr=[0.01, 0.05]), 20, plateau_metrics),
    "plateau_max_abs": run(adamw, lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(
        o, mode="max", factor=0.3, patience=1, threshold=0.01, threshold_mode="abs"), 20, accuracy),
}
schedules["plateau_min"]["metrics"] = plateau_metrics
schedules["plateau_max_abs"]["metrics"] = accuracy
with open(os.path.join(here, "schedules.json"), "w") as f:
    json.dump(schedules, f, indent=1)

# a torch.save'd state dict: conv + batch norm (int64 num_batches_tracked) + linear, and tensors stored
# as float64, float16, int32 and through a transposed (non-contiguous) view
class Small(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.features = torch.nn.Sequential(torch.nn.Conv2d(2, 3, 3), torch.nn.BatchNorm2d(3))
        self.head = torch.nn.Linear(3, 4)

small = Small()
small.train()
small.features(torch.randn(2, 2, 5, 5))  # moves the running statistics and counts a batch
state = small.state_dict()
state["extra.double"] = torch.randn(3, dtype=torch.float64)
state["extra.half"] = torch.randn(2, 2).half()
state["extra.int"] = torch.arange(5, dtype=torch.int32)
state["extra.transposed"] = torch.arange(6.0).reshape(2, 3).t()
torch.save(state, os.path.join(here, "small_state_dict.pth"))
safetensors_io.save(os.path.join(here, "small_state_dict.safetensors"),
                    {k: (v.float().contiguous() if v.is_floating_point() or v.dtype == torch.int32 else v) for k, v in state.items()})

# a pickle that would run a shell command if torch.load opened it without weights_only
class Exploit:
    def __reduce__(self):
        return (os.system, ("echo hark-was-exploited",))

torch.save({"weight": Exploit()}, os.path.join(here, "malicious.pth"))
print("wrote fixtures to", here)
