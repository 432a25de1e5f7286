"""Golden fixtures for Hark.Audio's DSP parity tests (resampling, mel filter banks, STFT front ends, MFCC, deltas).

Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/Hark.Audio.Tests/Fixtures/generate_dsp_fixtures.py
torchaudio 0.13.1 is the reference for torchaudio; librosa is not installed, so librosa 0.10's formulas (filters.mel, stft,
feature.melspectrogram, power_to_db) are transcribed below in numpy with librosa's dtypes.
Filter banks are stored sparsely (each filter's first non-zero bin, its length and the concatenated values) to stay small.
"""
import math, os, sys
import numpy as np
import torch, torchaudio

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "tools", "pyfixtures"))
import safetensors_io  # noqa: E402
from librosa_filters import librosa_mel  # noqa: E402
from test_signals import signal  # noqa: E402
from torchlibrosa_equivalent import LogmelFilterBank, Spectrogram, check_stft_equals_conv  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
F = torchaudio.functional
T = torchaudio.transforms


# ---- librosa 0.10 transcribed (the filter bank sits in tools/pyfixtures/librosa_filters.py) ---------------------------
def librosa_melspectrogram(y, sr, n_fft, hop, n_mels, fmin=0.0, fmax=None):
    """librosa.feature.melspectrogram(y, sr, n_fft, hop_length, center=True, pad_mode='constant', power=2): [n_mels, frames]."""
    window = np.hanning(n_fft + 1)[:-1]  # scipy get_window('hann', n_fft, fftbins=True), float64
    padded = np.pad(y, (n_fft // 2, n_fft // 2), mode="constant")
    frames = 1 + (len(padded) - n_fft) // hop
    stft = np.empty((1 + n_fft // 2, frames), dtype=np.complex64)
    for t in range(frames):
        stft[:, t] = np.fft.rfft(padded[t * hop: t * hop + n_fft] * window)  # float32 * float64 -> float64 FFT, stored complex64
    power = np.abs(stft) ** 2
    mel = librosa_mel(sr, n_fft, n_mels, fmin, sr / 2.0 if fmax is None else fmax, False, "slaney")
    return np.einsum("ft,mf->mt", power, mel, optimize=True)


def librosa_power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0):
    log_spec = 10.0 * np.log10(np.maximum(amin, S))
    log_spec -= 10.0 * np.log10(np.maximum(amin, ref))
    if top_db is not None:
        log_spec = np.maximum(log_spec, log_spec.max() - top_db)
    return log_spec


# ---- fixtures -----------------------------------------------------------------------------------------------------
def sparse(prefix, weights, out):
    """weights [n_mels, bins] -> starts, lengths, values (non-zero run of each filter)."""
    starts, lengths, values = [], [], []
    for row in weights:
        nz = np.nonzero(row)[0]
        s, e = (int(nz[0]), int(nz[-1]) + 1) if len(nz) else (0, 0)
        starts.append(s); lengths.append(e - s); values.append(row[s:e])
    out[prefix + ".starts"] = np.array(starts, dtype=np.int64)
    out[prefix + ".lengths"] = np.array(lengths, dtype=np.int64)
    out[prefix + ".values"] = np.concatenate(values).astype(np.float32)


def mel_banks():
    out = {}
    # name: sample_rate, n_fft, n_mels, f_min, f_max, scale, norm
    configs = {
        "torchaudio_preset": (16000, 400, 128, 0.0, 8000.0, "htk", None),
        "panns32k": (32000, 1024, 64, 50.0, 14000.0, "slaney", "slaney"),
        "librosa_preset": (22050, 2048, 128, 0.0, 11025.0, "slaney", "slaney"),
        "seed001": (32000, 2048, 256, 0.0, 16000.0, "slaney", "slaney"),
        "htk_slaney_norm": (16000, 512, 40, 20.0, 7600.0, "htk", "slaney"),
        "slaney_no_norm": (44100, 1024, 80, 30.0, 16000.0, "slaney", None),
    }
    for name, (sr, n_fft, n_mels, lo, hi, scale, norm) in configs.items():
        ta = F.melscale_fbanks(n_fft // 2 + 1, lo, hi, n_mels, sr, norm, scale).numpy().T
        sparse(f"{name}.torchaudio", ta, out)
        sparse(f"{name}.librosa", librosa_mel(sr, n_fft, n_mels, lo, hi, scale == "htk", norm), out)
    safetensors_io.save(os.path.join(HERE, "mel_banks.safetensors"), out,
                        {k: ",".join(map(str, v)) for k, v in configs.items()})


def resampling():
    out, meta = {}, {}
    cases = {  # name: orig, new, method, lowpass_filter_width, rolloff, beta
        "8000_16000": (8000, 16000, "sinc_interpolation", 6, 0.99, None),
        "22050_16000": (22050, 16000, "sinc_interpolation", 6, 0.99, None),
        "44100_32000": (44100, 32000, "sinc_interpolation", 6, 0.99, None),
        "8000_32000": (8000, 32000, "sinc_interpolation", 6, 0.99, None),
        "22050_32000": (22050, 32000, "sinc_interpolation", 6, 0.99, None),
        "44100_16000_kaiser_best": (44100, 16000, "kaiser_window", 64, 0.9475937167399596, 14.769656459379492),
    }
    for name, (orig, new, method, width, rolloff, beta) in cases.items():
        x = signal(orig, 0.05, seed=len(name))
        r = T.Resample(orig, new, resampling_method=method, lowpass_filter_width=width, rolloff=rolloff, beta=beta)
        out[name + ".input"] = x
        out[name + ".output"] = r(torch.from_numpy(x)).numpy()
        meta[name] = f"{orig},{new},{method},{width},{rolloff},{beta}"
    safetensors_io.save(os.path.join(HERE, "resampling.safetensors"), out, meta)


def front_ends():
    out = {}
    # Torchaudio preset: MelSpectrogram() defaults + AmplitudeToDB() (top_db None).
    x = signal(16000, 0.3, seed=1)
    out["torchaudio.input"] = x
    out["torchaudio.expected"] = T.AmplitudeToDB()(T.MelSpectrogram()(torch.from_numpy(x)))
    # Librosa preset: librosa 0.10 melspectrogram defaults at 22050 Hz (n_fft 2048, hop 512, 128 Slaney mels) + power_to_db top_db 80.
    x = signal(22050, 0.3, seed=2)
    out["librosa.input"] = x
    out["librosa.expected"] = librosa_power_to_db(librosa_melspectrogram(x, 22050, 2048, 512, 128))
    # Panns32k, as ../shared/bench/peer_torch_features.py computes it, from 8 kHz and 22.05 kHz clips.
    mel = T.MelSpectrogram(sample_rate=32000, n_fft=1024, hop_length=320, n_mels=64, f_min=50, f_max=14000,
                           norm="slaney", mel_scale="slaney", power=2.0)
    todb = T.AmplitudeToDB(stype="power", top_db=None)
    for rate in (8000, 22050):
        x = signal(rate, 0.25, seed=rate)
        out[f"panns32k_{rate}.input"] = x
        out[f"panns32k_{rate}.expected"] = todb(mel(T.Resample(rate, 32000)(torch.from_numpy(x))))
    # Seed001 with its length policy shortened to 0.15 s (fixture size): resample 44.1k -> 32k (torchaudio), trim,
    # librosa melspectrogram n_fft 2048 hop 320 256 mels, power_to_db top_db 80, per-clip standardisation.
    x = signal(44100, 0.2, seed=3)
    y = T.Resample(44100, 32000)(torch.from_numpy(x)).numpy()[:4800]
    db = librosa_power_to_db(librosa_melspectrogram(y, 32000, 2048, 320, 256))
    out["seed001.input"] = x
    out["seed001.db"] = db
    out["seed001.expected"] = (db - db.mean()) / (db.std() + 1e-6)
    # MFCC (torchaudio: AmplitudeToDB top_db 80 then DCT-II ortho) and deltas.
    x = signal(16000, 0.25, seed=4)
    mfcc = T.MFCC(sample_rate=16000, n_mfcc=13, melkwargs={"n_fft": 400, "hop_length": 160, "n_mels": 40})(torch.from_numpy(x))
    out["mfcc.input"] = x
    out["mfcc.expected"] = mfcc
    out["mfcc.deltas"] = F.compute_deltas(mfcc)
    out["mfcc.deltas_win7"] = F.compute_deltas(mfcc, win_length=7)
    safetensors_io.save(os.path.join(HERE, "front_ends.safetensors"), out)


def panns_front_ends():
    """Panns32k and Panns16k against PANNs' own extractor (torchlibrosa's Spectrogram + LogmelFilterBank as PANNs builds
    them, re-implemented in tools/pyfixtures/torchlibrosa_equivalent.py), on clips already at the preset's rate."""
    out = {}
    for name, (rate, n_fft, hop, fmax) in {"panns32k": (32000, 1024, 320, 14000), "panns16k": (16000, 512, 160, 8000)}.items():
        spectrogram = Spectrogram(n_fft, hop, center=True, pad_mode="reflect")
        logmel = LogmelFilterBank(rate, n_fft, 64, 50, fmax, ref=1.0, amin=1e-10)
        x = torch.from_numpy(signal(rate, 0.3, seed=rate // 1000))[None]
        check_stft_equals_conv(spectrogram.stft, x)
        with torch.no_grad():
            out[name + ".input"] = x[0]
            out[name + ".expected"] = logmel(spectrogram(x))[0, 0].T.contiguous()  # (frames, mels) -> [mels, frames]
    safetensors_io.save(os.path.join(HERE, "panns_front_ends.safetensors"), out)


def npy_files():
    """numpy-written .npy files for the reader: float64 Fortran order, big-endian float32, a 3-D float32 C-order array."""
    os.makedirs(os.path.join(HERE, "npy"), exist_ok=True)
    grid = np.arange(6, dtype=np.float64).reshape(2, 3) / 7.0
    np.save(os.path.join(HERE, "npy", "f64_fortran.npy"), np.asfortranarray(grid))
    np.save(os.path.join(HERE, "npy", "f32_big_endian.npy"), grid.astype(">f4"))
    np.save(os.path.join(HERE, "npy", "f32_3d.npy"), (np.arange(24, dtype=np.float32) - 3.5).reshape(2, 3, 4))


if __name__ == "__main__":
    torch.set_num_threads(1)
    npy_files()
    mel_banks()
    resampling()
    front_ends()
    panns_front_ends()
    for f in sorted(os.listdir(HERE)):
        if f.endswith(".safetensors"):
            print(f, os.path.getsize(os.path.join(HERE, f)), "bytes")
