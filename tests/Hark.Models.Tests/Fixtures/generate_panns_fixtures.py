"""Golden fixtures for the PANNs family (Kong et al. 2020, audioset_tagging_cnn/pytorch/models.py) from PyTorch 1.13.
Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Models.Tests/Fixtures/generate_panns_fixtures.py [--layouts DIR]

The models below follow PANNs' code structure and key names: the extractor (spectrogram_extractor, logmel_extractor:
tools/pyfixtures/torchlibrosa_equivalent.py), bn0, then Cnn14 / Cnn14_16k (the same body, another extractor), Cnn10,
ResNet38 (conv_block1, resnet = _ResNet of _ResnetBasicBlock [3, 4, 6, 3], conv_block_after1) or
Cnn14_DecisionLevelAtt (att_block with its unused bn_att; framewise output by interpolate + pad_framewise_output).
Two changes, neither touching the arithmetic: every width is an argument (PANNs: 64 for the first block; 1 or 2 here), so CI
fixtures stay small, and every dropout probability is an argument (PANNs' values, or 0 for a training pass both sides
can repeat). forward(waveform) is PANNs' forward; forward_logmel(x) is its part after the extractor.

panns_models.safetensors (the pattern of generate_model_fixtures.py, whose run_case and randomise_batch_norms it uses):
  <model>.state.<key>   PANNs' state dict (extractor included; its n_fft is 64 here to keep the file small, which does
                        not matter: Hark skips the extractor keys and the log-mel is given) with randomised batch norms
  input                 a log-mel batch in Hark's layout [batch, 1, mels, frames], 101 frames (not a multiple of 32)
  <model>.eval.logits   fc_audioset's output (PANNs' clipwise_output before its sigmoid); for the attention model
                        logit(clipwise_output) clamped to [1e-7, 1 - 1e-7], as Hark returns it
  <model>.eval.embedding          PANNs' embedding (the attention model: fc1's output averaged over frames)
  <model>.eval.framewise          the attention model's framewise_output [batch, frames, classes]
  <model>.train.*, loss_weights, parameter_count   as generate_model_fixtures.py writes them
panns_cnn10.pth, panns_cnn10_model.pth: cnn10's state dict saved by torch.save, plain and as {'iteration', 'model'}.
panns_parameter_counts.json: torch's count of each model at PANNs' size (527 classes, 64 mels, width 64), as Hark holds it.
panns_pipeline.safetensors (audio in, embedding out): one small Cnn14 body (width 1, 64 mels) behind PANNs' 32 kHz
extractor (Cnn14) and its 16 kHz one (Cnn14_16k), a few clips at each rate:
  state.<key>, <rate>.clip<i>.input (waveform), .logmel [mels, frames], .embedding [1, emb], .clipwise [1, classes]
--layouts DIR also writes, for the checkpoint readers, every model's state dict as PANNs' files hold it: plain,
{'iteration', 'model'}, {'iteration', 'model', 'sampler'} (numpy arrays and a RandomState tuple inside) and torch's
pre-1.6 format, as DIR/<model>.{plain,model,sampler,legacy}.pth. Off by default: nothing of it is committed.
"""
import argparse, json, os, sys
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "..", "..", "..", "tools", "pyfixtures"))
from generate_model_fixtures import AttBlock, ConvBlock, count, randomise_batch_norms, run_case, save  # noqa: E402
from test_signals import signal  # noqa: E402
from torchlibrosa_equivalent import LogmelFilterBank, Spectrogram, check_stft_equals_conv  # noqa: E402

PANNS_32K = dict(sample_rate=32000, window_size=1024, hop_size=320, mel_bins=64, fmin=50, fmax=14000)
PANNS_16K = dict(sample_rate=16000, window_size=512, hop_size=160, mel_bins=64, fmin=50, fmax=8000)


class PannsAttBlock(AttBlock):
    """PANNs' AttBlock as released: with bn_att (never used by its forward) and returning (clipwise, norm_att, cla)."""

    def __init__(self, n_in, n_out, activation):
        super().__init__(n_in, n_out, activation)
        self.bn_att = nn.BatchNorm1d(n_out)

    def forward(self, x):
        norm_att = torch.softmax(torch.clamp(self.att(x), -10, 10), dim=-1)
        cla = self.cla(x)
        if self.activation == 'sigmoid':
            cla = torch.sigmoid(cla)
        return torch.sum(norm_att * cla, dim=2), norm_att, cla


class PannsModel(nn.Module):
    """What every PANNs model opens with: the extractor and bn0 over the mel bins."""

    def __init__(self, sample_rate, window_size, hop_size, mel_bins, fmin, fmax):
        super().__init__()
        self.spectrogram_extractor = Spectrogram(window_size, hop_size, center=True, pad_mode='reflect', freeze_parameters=True)
        self.logmel_extractor = LogmelFilterBank(sample_rate, window_size, mel_bins, fmin, fmax, ref=1.0, amin=1e-10, freeze_parameters=True)
        self.bn0 = nn.BatchNorm2d(mel_bins)

    def logmel(self, input):
        """waveform (batch, samples) -> (batch, 1, time_steps, mel_bins)"""
        return self.logmel_extractor(self.spectrogram_extractor(input))

    def normalise(self, x):
        # PANNs: x.transpose(1, 3) -> bn0 -> x.transpose(1, 3). The same per-mel normalisation on [batch, mels, 1, frames]:
        # torch 1.13's CPU batch_norm backward returns wrong input gradients for a trailing size-1 dimension
        return self.bn0(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)

    def forward(self, input):
        return self.forward_logmel(self.logmel(input))

    def mean_max_head(self, x):
        """PANNs' clip head of Cnn14, Cnn10 and ResNet38 on the last block's output (batch, channels, frames, mels)."""
        x = torch.mean(x, dim=3)
        (x1, _) = torch.max(x, dim=2)
        x2 = torch.mean(x, dim=2)
        x = x1 + x2
        x = F.dropout(x, p=self.head_dropout, training=self.training)
        x = F.relu_(self.fc1(x))
        embedding = F.dropout(x, p=self.head_dropout, training=self.training)
        clipwise_output = torch.sigmoid(self.fc_audioset(x))
        return {'clipwise_output': clipwise_output, 'embedding': embedding}


class PannsConvNet(PannsModel):
    """PANNs' Cnn14 and Cnn10, which differ only in their number of ConvBlocks (every block but a sixth pools 2x2)."""

    def __init__(self, blocks, sample_rate, window_size, hop_size, mel_bins, fmin, fmax, classes_num, width=64, dropout=True):
        super().__init__(sample_rate, window_size, hop_size, mel_bins, fmin, fmax)
        w = [width * 2 ** i for i in range(blocks)]
        self.blocks = blocks
        self.conv_block1 = ConvBlock(in_channels=1, out_channels=w[0])
        for i in range(1, blocks):
            self.add_module(f"conv_block{i + 1}", ConvBlock(in_channels=w[i - 1], out_channels=w[i]))
        self.fc1 = nn.Linear(w[-1], w[-1], bias=True)
        self.fc_audioset = nn.Linear(w[-1], classes_num, bias=True)
        self.block_dropout, self.head_dropout = (0.2, 0.5) if dropout else (0, 0)

    def conv_blocks(self, x):
        for i in range(1, self.blocks + 1):
            x = getattr(self, f"conv_block{i}")(x, pool_size=(2, 2) if i < 6 else (1, 1), pool_type='avg')
            x = F.dropout(x, p=self.block_dropout, training=self.training)
        return x

    def forward_logmel(self, x):
        return self.mean_max_head(self.conv_blocks(self.normalise(x)))


class Cnn14(PannsConvNet):
    """PANNs' Cnn14, and Cnn14_16k with PANNS_16K (the same body behind another extractor)."""

    def __init__(self, *args, **kwargs):
        super().__init__(6, *args, **kwargs)


class Cnn10(PannsConvNet):
    def __init__(self, *args, **kwargs):
        super().__init__(4, *args, **kwargs)


def _resnet_conv3x3(in_planes, out_planes):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=1, padding=1, groups=1, bias=False, dilation=1)


def _resnet_conv1x1(in_planes, out_planes):
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=1, bias=False)


class _ResnetBasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None, dropout=0.1):
        super().__init__()
        self.stride = stride
        self.conv1 = _resnet_conv3x3(inplanes, planes)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = _resnet_conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.dropout = dropout

    def forward(self, x):
        identity = x
        out = F.avg_pool2d(x, kernel_size=(2, 2)) if self.stride == 2 else x
        out = self.relu(self.bn1(self.conv1(out)))
        out = F.dropout(out, p=self.dropout, training=self.training)
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(identity)
        out += identity
        return self.relu(out)


class _ResNet(nn.Module):
    """PANNs' _ResNet with _ResnetBasicBlock: layer1 .. layer4 of planes width x (1, 2, 4, 8), strides (1, 2, 2, 2)."""

    def __init__(self, layers, width=64, dropout=0.1):
        super().__init__()
        self.inplanes = width
        for i, blocks in enumerate(layers):
            self.add_module(f"layer{i + 1}", self._make_layer(width * 2 ** i, blocks, 1 if i == 0 else 2, dropout))

    def _make_layer(self, planes, blocks, stride, dropout):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            if stride == 1:
                downsample = nn.Sequential(_resnet_conv1x1(self.inplanes, planes), nn.BatchNorm2d(planes))
            else:
                downsample = nn.Sequential(nn.AvgPool2d(kernel_size=2), _resnet_conv1x1(self.inplanes, planes), nn.BatchNorm2d(planes))
        layers = [_ResnetBasicBlock(self.inplanes, planes, stride, downsample, dropout)]
        self.inplanes = planes
        layers += [_ResnetBasicBlock(planes, planes, dropout=dropout) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x):
        return self.layer4(self.layer3(self.layer2(self.layer1(x))))


class ResNet38(PannsModel):
    def __init__(self, sample_rate, window_size, hop_size, mel_bins, fmin, fmax, classes_num, width=64, dropout=True):
        super().__init__(sample_rate, window_size, hop_size, mel_bins, fmin, fmax)
        self.conv_block1 = ConvBlock(in_channels=1, out_channels=width)
        self.resnet = _ResNet(layers=[3, 4, 6, 3], width=width, dropout=0.1 if dropout else 0)
        self.conv_block_after1 = ConvBlock(in_channels=8 * width, out_channels=32 * width)
        self.fc1 = nn.Linear(32 * width, 32 * width)
        self.fc_audioset = nn.Linear(32 * width, classes_num, bias=True)
        self.block_dropout, self.head_dropout = (0.2, 0.5) if dropout else (0, 0)

    def forward_logmel(self, x):
        x = self.normalise(x)
        x = self.conv_block1(x, pool_size=(2, 2), pool_type='avg')
        x = F.dropout(x, p=self.block_dropout, training=self.training)
        x = self.resnet(x)
        x = F.avg_pool2d(x, kernel_size=(2, 2))
        x = F.dropout(x, p=self.block_dropout, training=self.training)
        x = self.conv_block_after1(x, pool_size=(1, 1), pool_type='avg')
        x = F.dropout(x, p=self.block_dropout, training=self.training)
        return self.mean_max_head(x)


def interpolate(x, ratio):
    """PANNs' pytorch_utils.interpolate: (batch, time_steps, classes) -> each step repeated ratio times."""
    (batch_size, time_steps, classes_num) = x.shape
    upsampled = x[:, :, None, :].repeat(1, 1, ratio, 1)
    return upsampled.reshape(batch_size, time_steps * ratio, classes_num)


def pad_framewise_output(framewise_output, frames_num):
    """PANNs' pytorch_utils.pad_framewise_output: the last frame repeated up to frames_num."""
    pad = framewise_output[:, -1:, :].repeat(1, frames_num - framewise_output.shape[1], 1)
    return torch.cat((framewise_output, pad), dim=1)


class Cnn14_DecisionLevelAtt(Cnn14):
    def __init__(self, sample_rate, window_size, hop_size, mel_bins, fmin, fmax, classes_num, width=64, dropout=True):
        super().__init__(sample_rate, window_size, hop_size, mel_bins, fmin, fmax, classes_num, width, dropout)
        self.interpolate_ratio = 32  # the conv blocks' downsampling in time
        del self.fc_audioset
        self.att_block = PannsAttBlock(32 * width, classes_num, activation='sigmoid')

    def forward_logmel(self, x):
        frames_num = x.shape[2]
        x = torch.mean(self.conv_blocks(self.normalise(x)), dim=3)
        x1 = F.max_pool1d(x, kernel_size=3, stride=1, padding=1)
        x2 = F.avg_pool1d(x, kernel_size=3, stride=1, padding=1)
        x = x1 + x2
        x = F.dropout(x, p=self.head_dropout, training=self.training)
        x = x.transpose(1, 2)
        x = F.relu_(self.fc1(x))
        x = x.transpose(1, 2)
        embedding = x.mean(dim=2)  # not in PANNs' output: what Hark's Embed returns for this model
        x = F.dropout(x, p=self.head_dropout, training=self.training)
        (clipwise_output, _, segmentwise_output) = self.att_block(x)
        segmentwise_output = segmentwise_output.transpose(1, 2)
        framewise_output = interpolate(segmentwise_output, self.interpolate_ratio)
        framewise_output = pad_framewise_output(framewise_output, frames_num)
        return {'framewise_output': framewise_output, 'clipwise_output': clipwise_output, 'embedding': embedding}


def hark_outputs(model, x):
    """(logits, embedding) of a log-mel batch in Hark's layout [batch, 1, mels, frames], as Hark's models return them."""
    out = model.forward_logmel(x.transpose(2, 3))
    if 'framewise_output' in out:
        p = out['clipwise_output'].clamp(1e-7, 1 - 1e-7)
        return torch.log(p) - torch.log(1 - p), out['embedding']
    # fc_audioset reads fc1's output; the embedding is that output (eval mode, or dropout 0 in the training pass)
    return model.fc_audioset(out['embedding']), out['embedding']


CLASSES = 5
MODELS = {  # name in Hark's zoo: (class, grad keys, running statistics after one training pass)
    "cnn10": (Cnn10, ["bn0.weight", "conv_block1.conv1.weight", "conv_block4.bn2.weight", "fc1.bias", "fc_audioset.weight"],
              ["bn0.running_mean", "conv_block4.bn2.running_var"]),
    "resnet38": (ResNet38, ["conv_block1.conv1.weight", "resnet.layer1.0.conv1.weight", "resnet.layer2.0.downsample.1.weight",
                            "resnet.layer4.2.bn2.weight", "conv_block_after1.bn1.weight", "fc1.bias"],
                 ["resnet.layer2.0.downsample.2.running_mean", "resnet.layer4.2.bn1.running_var", "conv_block_after1.bn2.running_var"]),
    "cnn14-decision-level-att": (Cnn14_DecisionLevelAtt, ["bn0.bias", "conv_block5.conv2.weight", "fc1.bias", "att_block.att.weight",
                                                          "att_block.cla.bias"],
                                 ["bn0.running_var", "conv_block3.bn1.running_mean"]),
}
SMALL_EXTRACTOR = dict(sample_rate=32000, window_size=64, hop_size=32, mel_bins=32, fmin=50, fmax=14000)


def models_fixture():
    torch.manual_seed(11)
    generator = torch.Generator().manual_seed(11)
    x = torch.randn((2, 1, SMALL_EXTRACTOR["mel_bins"], 101), generator=generator)
    tensors, states, full_counts = {"input": x}, {}, {}
    for name, (cls, grad_keys, after_keys) in MODELS.items():
        build = lambda dropout, cls=cls: cls(**SMALL_EXTRACTOR, classes_num=CLASSES, width=1, dropout=dropout)
        model = build(True)
        randomise_batch_norms(model, generator)
        state = {k: v.clone() for k, v in model.state_dict().items()}
        states[name] = state
        tensors.update({f"{name}.state.{k}": v for k, v in state.items()})
        tensors.update(run_case(build, state, x, generator, grad_keys, after_keys, prefix=name + ".", outputs=hark_outputs,
                                logits=lambda model, x: hark_outputs(model, x)[0]))
        full_counts[name] = count(cls(**PANNS_32K, classes_num=527))
        if name == "cnn14-decision-level-att":
            model.load_state_dict(state)
            model.eval()
            with torch.no_grad():
                tensors[name + ".eval.framewise"] = model.forward_logmel(x.transpose(2, 3))['framewise_output']
    save("panns_models", tensors)
    # what the checkpoint loader reads today, as PANNs' files hold a state dict: plain, and under 'model' with the iteration
    torch.save(states["cnn10"], os.path.join(here, "panns_cnn10.pth"))
    torch.save({'iteration': 1000, 'model': states["cnn10"]}, os.path.join(here, "panns_cnn10_model.pth"))
    with open(os.path.join(here, "panns_parameter_counts.json"), "w") as f:
        json.dump(full_counts, f, indent=2)
        f.write("\n")
    print(json.dumps(full_counts))
    return states


def pipeline_fixture():
    torch.manual_seed(12)
    generator = torch.Generator().manual_seed(12)
    models = {rate: Cnn14(**config, classes_num=CLASSES, width=1) for rate, config in ((32000, PANNS_32K), (16000, PANNS_16K))}
    randomise_batch_norms(models[32000], generator)
    body = {k: v for k, v in models[32000].state_dict().items() if not k.startswith(("spectrogram_extractor.", "logmel_extractor."))}
    models[16000].load_state_dict(body, strict=False)
    tensors = {f"state.{k}": v for k, v in body.items()}
    for rate, model in models.items():
        model.eval()
        for i, seconds in enumerate((0.5, 0.33)):
            clip = torch.from_numpy(signal(rate, seconds, seed=rate + i))[None]
            print(f"  {rate} Hz clip {i}: torch.stft vs conv STFT max |diff| {check_stft_equals_conv(model.spectrogram_extractor.stft, clip):.3g}")
            with torch.no_grad():
                out = model(clip)
                logmel = model.logmel(clip)
            prefix = f"{rate}.clip{i}."
            tensors[prefix + "input"] = clip[0]
            tensors[prefix + "logmel"] = logmel[0, 0].T.contiguous()
            tensors[prefix + "embedding"] = out['embedding']
            tensors[prefix + "clipwise"] = out['clipwise_output']
    save("panns_pipeline", tensors)


def write_layouts(directory, states):
    """Each state dict as PANNs' files hold it, for the checkpoint readers' tests (not committed)."""
    os.makedirs(directory, exist_ok=True)
    rng = np.random.RandomState(0)
    sampler = {'indexes_per_class': [np.arange(i, 40, 5) for i in range(CLASSES)], 'queue': np.arange(7, dtype=np.int64),
               'pointers_of_classes': np.zeros(CLASSES, dtype=np.int64), 'random_state': rng.get_state()}
    for name, state in states.items():
        path = os.path.join(directory, name)
        torch.save(state, path + ".plain.pth")
        torch.save({'iteration': 1000, 'model': state}, path + ".model.pth")
        torch.save({'iteration': 1000, 'model': state, 'sampler': sampler}, path + ".sampler.pth")
        torch.save(state, path + ".legacy.pth", _use_new_zipfile_serialization=False)
        print(f"{path}.{{plain,model,sampler,legacy}}.pth")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layouts", metavar="DIR", help="also write every model's state dict in PANNs' file layouts into DIR")
    args = parser.parse_args()
    torch.set_num_threads(1)
    states = models_fixture()
    pipeline_fixture()
    if args.layouts:
        write_layouts(args.layouts, states)
