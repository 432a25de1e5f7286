"""Golden outputs for Hark.Audio.Augmentation from torch 1.13 / torchaudio 0.13.1 (run with Debian's /usr/bin/python3):
torch.stft (n_fft 512, hop 128, periodic Hann, centred, reflect padding, and zero padding as librosa 0.10 pads), time stretching as torchaudio.functional.pitch_shift
does it (stft -> torchaudio.functional.phase_vocoder -> istft to round(len / rate)), and torchaudio.functional.pitch_shift
itself at +-12 steps, where int(sample_rate / rate) is exact so its resampling ratio equals Hark's rational one.
Spectrograms are stored frame-major [frames, bins] like Hark's ComplexSpectrogram."""
import math, os, sys
import numpy as np
import torch
import torchaudio.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../../../tools/pyfixtures"))
from safetensors_io import save

N_FFT, HOP, SR, LENGTH = 512, 128, 8000, 2001
rng = np.random.default_rng(4)
t = np.arange(LENGTH) / SR
signal = 0.6 * np.sin(2 * np.pi * (300 * t + 900 * t * t)) + 0.3 * np.sin(2 * np.pi * 1250 * t) + 0.05 * rng.standard_normal(LENGTH)
x = torch.tensor(signal, dtype=torch.float32)
window = torch.hann_window(N_FFT)

spec = torch.stft(x, n_fft=N_FFT, hop_length=HOP, window=window, center=True, pad_mode="reflect", return_complex=True)
zeros = torch.stft(x, n_fft=N_FFT, hop_length=HOP, window=window, center=True, pad_mode="constant", return_complex=True)
tensors = {"signal": x, "stft_real": spec.real.T.contiguous(), "stft_imag": spec.imag.T.contiguous(),
           "stft_zeros_real": zeros.real.T.contiguous(), "stft_zeros_imag": zeros.imag.T.contiguous()}
phase_advance = torch.linspace(0, math.pi * HOP, spec.shape[-2])[..., None]
for name, rate in [("0_8", 0.8), ("1_3", 1.3)]:
    stretched = F.phase_vocoder(spec[None], rate, phase_advance)[0]
    tensors[f"stretch_{name}"] = torch.istft(stretched, n_fft=N_FFT, hop_length=HOP, window=window, length=int(round(LENGTH / rate)))
tensors["stretch_zeros_0_8"] = torch.istft(F.phase_vocoder(zeros[None], 0.8, phase_advance)[0], n_fft=N_FFT, hop_length=HOP,
                                          window=window, length=int(round(LENGTH / 0.8)))
for name, steps in [("up12", 12), ("down12", -12)]:
    tensors[f"pitch_{name}"] = F.pitch_shift(x[None], SR, steps, n_fft=N_FFT)[0]

save(os.path.join(os.path.dirname(__file__), "vocoder_expected.safetensors"), tensors,
     {"n_fft": N_FFT, "hop_length": HOP, "sample_rate": SR, "torch": torch.__version__})
