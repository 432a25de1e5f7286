"""Golden fixtures for the model zoo (keras-cnn, resnet-se, cnn14) from PyTorch 1.13.
Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Models.Tests/Fixtures/generate_model_fixtures.py

Each model is defined here in PyTorch with the module names Hark uses, at a small width, with every BatchNorm's
affine parameters and running statistics randomised so evaluation mode is not an identity. For each model
<name>.safetensors holds (cnn14.safetensors: one state dict with both heads, the outputs under mean_max.,
attention_sigmoid. and attention_linear.):
  state.<key>             the state dict (what the C# test loads by name, strictly)
  input                   a fixed batch in Hark's layout [batch, channels, mels, frames]
  eval.logits, eval.embedding     evaluation-mode outputs
  train.logits            training-mode logits (batch statistics; dropout p = 0 so both sides are deterministic)
  train.input_grad        d(sum(train.logits * loss_weights)) / d(input)
  train.grad.<key>        the same loss's gradient for a few parameters
  train.after.<key>       a few running statistics after that one training forward pass
  loss_weights            the fixed weights of the scalar loss
  parameter_count         torch's count of parameter elements
model_parameter_counts.json: torch's parameter counts at the default widths, with the options that produce them.

cnn14 follows PANNs' models.py (Cnn14 and Cnn14_DecisionLevelAtt's AttBlock) minus the spectrogram/log-mel
extractor, SpecAugment and mixup, which Hark runs outside the model. PANNs' forward takes [batch, 1, frames, mels];
Hark's batches are [batch, 1, mels, frames], so the torch model here is called with input.transpose(2, 3).
generate_panns_fixtures.py imports ConvBlock, AttBlock and the export helpers from here (the exports run only when
this file is the script).
"""
import json, math, os, sys
import torch, torch.nn as nn, torch.nn.functional as F

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "tools", "pyfixtures"))
import safetensors_io  # noqa: E402


# ---------------------------------------------------------------- keras-cnn (pipeline D)
class KerasBlock(nn.Module):
    def __init__(self, cin, cout, dropout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01)  # Keras BatchNormalization defaults
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01)
        self.dropout = dropout

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        return F.dropout(F.max_pool2d(x, 2), self.dropout, self.training)


class KerasCnn(nn.Module):
    def __init__(self, in_channels, classes, width=32, blocks=3, embedding=128, block_dropout=(0.25, 0.25, 0.3), dropout=0.5):
        super().__init__()
        widths = [width * 2 ** i for i in range(blocks)]
        self.blocks = nn.ModuleList(KerasBlock(cin, cout, p) for cin, cout, p in zip([in_channels] + widths[:-1], widths, block_dropout))
        self.embedding = nn.Linear(widths[-1], embedding)
        self.classifier = nn.Linear(embedding, classes)
        self.dropout = dropout

    def embed(self, x):
        for block in self.blocks:
            x = block(x)
        return F.relu(self.embedding(x.mean((2, 3))))

    def forward(self, x):
        return self.classifier(F.dropout(self.embed(x), self.dropout, self.training))


# ---------------------------------------------------------------- resnet-se (pipeline E), timm names
def make_divisible(v, divisor=8):
    """timm.layers.make_divisible with round_limit 0 (what SEModule uses)."""
    return max(divisor, int(v + divisor / 2) // divisor * divisor)


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        reduced = make_divisible(channels / reduction)
        self.fc1 = nn.Conv2d(channels, reduced, 1)
        self.fc2 = nn.Conv2d(reduced, channels, 1)

    def forward(self, x):
        s = self.fc2(F.relu(self.fc1(x.mean((2, 3), keepdim=True))))
        return x * torch.sigmoid(s)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.se = SEModule(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        shortcut = x if self.downsample is None else self.downsample(x)
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.se(self.bn2(self.conv2(y)))
        return F.relu(y + shortcut)


class ResNetSe(nn.Module):
    def __init__(self, in_channels, classes, width=32, stages=4, blocks=2, embedding=256, dropout=0.3):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, width, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        cin = width
        for stage in range(stages):
            cout = width * 2 ** stage
            layers = [BasicBlock(cin if b == 0 else cout, cout, (1 if stage == 0 else 2) if b == 0 else 1) for b in range(blocks)]
            self.add_module(f"layer{stage + 1}", nn.Sequential(*layers))
            cin = cout
        self.stages = stages
        self.embedding = nn.Linear(cin, embedding)
        self.fc = nn.Linear(embedding, classes)
        self.dropout = dropout

    def embed(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        for stage in range(self.stages):
            x = getattr(self, f"layer{stage + 1}")(x)
        return F.relu(self.embedding(x.mean((2, 3))))

    def forward(self, x):
        return self.fc(F.dropout(self.embed(x), self.dropout, self.training))


# ---------------------------------------------------------------- cnn14 (pipeline C), PANNs names
class ConvBlock(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.bn2 = nn.BatchNorm2d(out_channels)

    def forward(self, input, pool_size=(2, 2), pool_type='avg'):
        x = F.relu_(self.bn1(self.conv1(input)))
        x = F.relu_(self.bn2(self.conv2(x)))
        assert pool_type == 'avg'
        return F.avg_pool2d(x, kernel_size=pool_size)


class AttBlock(nn.Module):
    def __init__(self, n_in, n_out, activation):
        super().__init__()
        self.activation = activation
        self.att = nn.Conv1d(n_in, n_out, kernel_size=1, stride=1, padding=0, bias=True)
        self.cla = nn.Conv1d(n_in, n_out, kernel_size=1, stride=1, padding=0, bias=True)

    def forward(self, x):
        # x: (n_samples, n_in, n_time)
        norm_att = torch.softmax(torch.clamp(self.att(x), -10, 10), dim=-1)
        cla = self.cla(x)
        if self.activation == 'sigmoid':
            cla = torch.sigmoid(cla)
        return torch.sum(norm_att * cla, dim=2)


class Cnn14(nn.Module):
    def __init__(self, in_channels, classes, mel_bins=64, width=64, embedding=None, head='mean_max', activation='sigmoid',
                 block_dropout=0.2, dropout=0.5):
        super().__init__()
        w = [width * 2 ** i for i in range(6)]
        embedding = embedding or w[-1]
        self.bn0 = nn.BatchNorm2d(mel_bins)
        self.conv_block1 = ConvBlock(in_channels, w[0])
        for i in range(1, 6):
            self.add_module(f"conv_block{i + 1}", ConvBlock(w[i - 1], w[i]))
        self.fc1 = nn.Linear(w[-1], embedding, bias=True)
        self.head = head
        if head == 'mean_max':
            self.fc_audioset = nn.Linear(embedding, classes, bias=True)
        else:
            self.att_block = AttBlock(embedding, classes, activation)
        self.activation = activation
        self.block_dropout, self.dropout = block_dropout, dropout

    def frames(self, x):
        """x: Hark's [batch, channels, mels, frames] -> conv features [batch, channels, frames', mels'] as PANNs."""
        x = x.transpose(2, 3)  # PANNs' layout (batch_size, 1, time_steps, mel_bins)
        # PANNs: x.transpose(1, 3) -> bn0 -> x.transpose(1, 3). The same per-mel normalisation is applied here to
        # [batch, mels, channels, frames], because torch 1.13's CPU batch_norm backward returns wrong input gradients
        # for [batch, mels, frames, 1] (a trailing size-1 dimension; checked against finite differences in float64)
        x = self.bn0(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
        for i in range(1, 7):
            x = getattr(self, f"conv_block{i}")(x, pool_size=(2, 2) if i < 6 else (1, 1), pool_type='avg')
            x = F.dropout(x, p=self.block_dropout, training=self.training)
        return torch.mean(x, dim=3)

    def run(self, x):
        """(logits, embedding); for the attention head with a sigmoid the logits are logit(clipwise probability)."""
        x = self.frames(x)
        if self.head == 'mean_max':
            (x1, _) = torch.max(x, dim=2)
            x2 = torch.mean(x, dim=2)
            x = x1 + x2
            x = F.dropout(x, p=self.dropout, training=self.training)
            x = F.relu_(self.fc1(x))
            embedding = F.dropout(x, p=self.dropout, training=self.training)
            return self.fc_audioset(x), embedding
        x1 = F.max_pool1d(x, kernel_size=3, stride=1, padding=1)
        x2 = F.avg_pool1d(x, kernel_size=3, stride=1, padding=1)
        x = x1 + x2
        x = F.dropout(x, p=self.dropout, training=self.training)
        x = x.transpose(1, 2)
        x = F.relu_(self.fc1(x))
        x = x.transpose(1, 2)
        embedding = x.mean(dim=2)
        x = F.dropout(x, p=self.dropout, training=self.training)
        clipwise = self.att_block(x)
        if self.activation == 'sigmoid':
            p = clipwise.clamp(1e-7, 1 - 1e-7)
            clipwise = torch.log(p) - torch.log(1 - p)
        return clipwise, embedding

    def embed(self, x):
        return self.run(x)[1]

    def forward(self, x):
        return self.run(x)[0]


# ---------------------------------------------------------------- export
def count(model):
    """Parameter elements of the model as Hark holds it: a PANNs extractor's frozen STFT and mel weights and the
    att_block.bn_att that PANNs' forward never uses are not counted (Hark has neither)."""
    return sum(p.numel() for name, p in model.named_parameters() if p.requires_grad and not name.startswith("att_block.bn_att."))


def randomise_batch_norms(model, generator):
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=generator))
                m.bias.copy_(0.1 * torch.randn(m.bias.shape, generator=generator))
                m.running_mean.copy_(0.1 * torch.randn(m.running_mean.shape, generator=generator))
                m.running_var.copy_(1 + 0.25 * torch.rand(m.running_var.shape, generator=generator))
                m.num_batches_tracked.fill_(3)


def run_case(build, state, x, generator, grad_keys, after_keys, prefix="", outputs=lambda model, x: (model(x), model.embed(x)),
             logits=lambda model, x: model(x)):
    """Evaluation outputs with build(dropout=True), then one training pass with build(dropout=False), both loading
    their keys of <state>; returns the tensors to store, names prefixed. outputs(model, x) gives (logits, embedding)
    of a batch in Hark's layout, logits(model, x) the logits alone (one forward pass: the training pass updates the
    running statistics once)."""
    model = build(dropout=True)
    model.load_state_dict({k: state[k] for k in model.state_dict()})
    model.eval()
    with torch.no_grad():
        eval_logits, eval_embedding = outputs(model, x)

    deterministic = build(dropout=False)  # the same network with dropout p = 0, for a training-mode pass both sides can repeat
    deterministic.load_state_dict(model.state_dict())
    deterministic.train()
    xg = x.clone().requires_grad_(True)
    train_logits = logits(deterministic, xg)
    loss_weights = torch.randn(train_logits.shape, generator=generator)
    (train_logits * loss_weights).sum().backward()
    params = dict(deterministic.named_parameters())
    buffers = deterministic.state_dict()
    tensors = {
        "eval.logits": eval_logits, "eval.embedding": eval_embedding, "loss_weights": loss_weights,
        "train.logits": train_logits.detach(), "train.input_grad": xg.grad, "parameter_count": torch.tensor(count(model)),
    }
    tensors.update({f"train.grad.{k}": params[k].grad for k in grad_keys})
    tensors.update({f"train.after.{k}": buffers[k] for k in after_keys})
    print(f"  {prefix or 'model'}: {count(model)} parameters, logits {tuple(eval_logits.shape)}, embedding {tuple(eval_embedding.shape)}")
    return {prefix + k: v for k, v in tensors.items()}


def save(name, tensors):
    path = os.path.join(here, f"{name}.safetensors")
    safetensors_io.save(path, tensors)
    print(f"{name}.safetensors: {os.path.getsize(path)} bytes")


def export(name, build, input_shape, grad_keys, after_keys, seed):
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = build(dropout=True)
    randomise_batch_norms(model, generator)
    state = {k: v.clone() for k, v in model.state_dict().items()}
    x = torch.randn(input_shape, generator=generator)
    tensors = {f"state.{k}": v for k, v in state.items()}
    tensors["input"] = x
    tensors.update(run_case(build, state, x, generator, grad_keys, after_keys))
    save(name, tensors)


if __name__ == "__main__":
    CLASSES = 5
    export("keras_cnn",
           lambda dropout: KerasCnn(1, CLASSES, width=4, embedding=16, block_dropout=(0.25, 0.25, 0.3) if dropout else (0, 0, 0), dropout=0.5 if dropout else 0),
           (2, 1, 16, 24), ["blocks.0.conv1.weight", "classifier.weight"], ["blocks.0.bn1.running_mean", "blocks.2.bn2.running_var"], seed=1)
    export("resnet_se",
           lambda dropout: ResNetSe(1, CLASSES, width=4, stages=3, blocks=2, embedding=16, dropout=0.3 if dropout else 0),
           (2, 1, 16, 24), ["conv1.weight", "layer2.0.se.fc1.weight", "layer3.0.downsample.0.weight", "fc.weight"],
           ["bn1.running_mean", "layer3.1.bn2.running_var"], seed=2)

    # cnn14: one state dict holding the body and both heads (fc_audioset, att_block); each variant loads its own keys
    torch.manual_seed(3)
    generator = torch.Generator().manual_seed(3)
    cnn14 = {head: Cnn14(1, CLASSES, mel_bins=32, width=2, head=head) for head in ("mean_max", "attention")}
    randomise_batch_norms(cnn14["mean_max"], generator)
    state = {k: v.clone() for k, v in cnn14["mean_max"].state_dict().items()}
    state.update({k: v.clone() for k, v in cnn14["attention"].state_dict().items() if k.startswith("att_block.")})
    x = torch.randn((2, 1, 32, 96), generator=generator)
    tensors = {f"state.{k}": v for k, v in state.items()}
    tensors["input"] = x
    for head, activation in [("mean_max", "sigmoid"), ("attention", "sigmoid"), ("attention", "linear")]:
        tensors.update(run_case(
            lambda dropout: Cnn14(1, CLASSES, mel_bins=32, width=2, head=head, activation=activation,
                                  block_dropout=0.2 if dropout else 0, dropout=0.5 if dropout else 0),
            state, x, generator, ["bn0.weight", "bn0.bias", "conv_block1.conv1.weight", "conv_block6.bn2.weight", "fc1.bias"],
            ["bn0.running_mean", "bn0.running_var", "conv_block6.bn2.running_var"],
            prefix=head + "." if head == "mean_max" else f"{head}_{activation}."))
    save("cnn14", tensors)

    defaults = {
        "keras-cnn": {"options": {"classes": 10, "input_channels": 1, "width": 32, "depth": 3, "embedding": 128},
                      "parameters": count(KerasCnn(1, 10))},
        "resnet-se": {"options": {"classes": 50, "input_channels": 1, "width": 32, "depth": 4, "embedding": 256},
                      "parameters": count(ResNetSe(1, 50))},
        "cnn14": {"options": {"classes": 527, "input_channels": 1, "width": 64, "mel_bins": 64, "pooling": "mean_max"},
                  "parameters": count(Cnn14(1, 527))},
        "cnn14-attention": {"options": {"classes": 527, "input_channels": 1, "width": 64, "mel_bins": 64, "pooling": "attention"},
                            "parameters": count(Cnn14(1, 527, head='attention'))},
    }
    with open(os.path.join(here, "model_parameter_counts.json"), "w") as f:
        json.dump(defaults, f, indent=2)
        f.write("\n")
    print(json.dumps(defaults))
