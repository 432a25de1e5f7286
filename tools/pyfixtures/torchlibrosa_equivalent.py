"""A re-implementation of torchlibrosa 0.1's Spectrogram and LogmelFilterBank (the extractor inside every PANNs model),
for fixture scripts: torchlibrosa and librosa are not installed here.

torchlibrosa computes the STFT as two Conv1d layers whose weights are the periodic Hann window times the real and
imaginary DFT rows (keys stft.conv_real.weight, stft.conv_imag.weight, each [n_fft // 2 + 1, 1, n_fft]), after
padding n_fft // 2 samples each side (reflect), and the log-mel as power @ melW (key melW, librosa.filters.mel(...).T
with Slaney scale and Slaney norm) -> 10 log10(max(x, amin)) - 10 log10(max(amin, ref)), top_db None in PANNs.
The modules here keep those parameters and names, so a model's state_dict has PANNs' keys, but compute the spectrum
with torch.stft; check_stft_equals_conv() confirms the two agree.
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from librosa_filters import librosa_mel


def periodic_hann(n):
    """scipy.signal.get_window('hann', n, fftbins=True), which librosa.filters.get_window returns: float64 [n]."""
    return np.hanning(n + 1)[:-1]


class STFT(nn.Module):
    def __init__(self, n_fft, hop_length, center=True, pad_mode="reflect", freeze_parameters=True):
        super().__init__()
        self.n_fft, self.hop_length, self.center, self.pad_mode = n_fft, hop_length, center, pad_mode
        bins = n_fft // 2 + 1
        window = periodic_hann(n_fft)
        dft = np.exp(-2j * np.pi * np.outer(np.arange(n_fft), np.arange(bins)) / n_fft) * window[:, None]  # [n_fft, bins]
        self.conv_real = nn.Conv1d(1, bins, n_fft, stride=hop_length, padding=0, bias=False)
        self.conv_imag = nn.Conv1d(1, bins, n_fft, stride=hop_length, padding=0, bias=False)
        with torch.no_grad():
            self.conv_real.weight.copy_(torch.from_numpy(np.real(dft).T[:, None, :].astype(np.float32)))
            self.conv_imag.weight.copy_(torch.from_numpy(np.imag(dft).T[:, None, :].astype(np.float32)))
        for p in self.parameters():
            p.requires_grad = not freeze_parameters
        self.register_buffer("window", torch.from_numpy(window.astype(np.float32)), persistent=False)

    def forward(self, input):
        """input (batch, samples) -> real, imag, each (batch, 1, frames, bins), as torchlibrosa returns them."""
        spectrum = torch.stft(input, self.n_fft, self.hop_length, window=self.window, center=self.center,
                              pad_mode=self.pad_mode, return_complex=True)  # (batch, bins, frames)
        return spectrum.real.transpose(1, 2)[:, None], spectrum.imag.transpose(1, 2)[:, None]

    def forward_as_conv(self, input):
        """torchlibrosa's own arithmetic: reflect pad, then the DFT rows as convolutions."""
        x = input[:, None, :]
        if self.center:
            x = F.pad(x, (self.n_fft // 2, self.n_fft // 2), mode=self.pad_mode)
        return self.conv_real(x).transpose(1, 2)[:, None], self.conv_imag(x).transpose(1, 2)[:, None]


class Spectrogram(nn.Module):
    """torchlibrosa.stft.Spectrogram with win_length = n_fft, window 'hann', power 2."""

    def __init__(self, n_fft, hop_length, center=True, pad_mode="reflect", freeze_parameters=True):
        super().__init__()
        self.stft = STFT(n_fft, hop_length, center, pad_mode, freeze_parameters)

    def forward(self, input):
        """input (batch, samples) -> power (batch, 1, frames, n_fft // 2 + 1)."""
        real, imag = self.stft(input)
        return real ** 2 + imag ** 2


class LogmelFilterBank(nn.Module):
    """torchlibrosa.stft.LogmelFilterBank with is_log True and top_db None (as PANNs builds it)."""

    def __init__(self, sr, n_fft, n_mels, fmin, fmax, ref=1.0, amin=1e-10, freeze_parameters=True):
        super().__init__()
        self.ref, self.amin = ref, amin
        self.melW = nn.Parameter(torch.from_numpy(librosa_mel(sr, n_fft, n_mels, fmin, fmax).T.copy()))
        self.melW.requires_grad = not freeze_parameters

    def forward(self, input):
        """power (batch, 1, frames, bins) -> log-mel (batch, 1, frames, n_mels) in dB."""
        mel = torch.matmul(input, self.melW)
        return 10.0 * torch.log10(torch.clamp(mel, min=self.amin)) - 10.0 * np.log10(np.maximum(self.amin, self.ref))


def check_stft_equals_conv(stft, input, tolerance=1e-3):
    """torch.stft and torchlibrosa's convolutions give the same spectrum (float32 rounding apart); returns the max |diff|."""
    a, b = stft(input), stft.forward_as_conv(input)
    scale = max(float(a[0].abs().max()), float(a[1].abs().max()))
    worst = max(float((a[0] - b[0]).abs().max()), float((a[1] - b[1]).abs().max()))
    assert worst <= tolerance * scale, f"torch.stft vs torchlibrosa's conv STFT: max |diff| {worst} > {tolerance} x {scale}"
    return worst
