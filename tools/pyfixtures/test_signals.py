"""Deterministic test waveforms shared by the fixture scripts."""
import numpy as np


def signal(rate, seconds, seed):
    """White noise (every bin has energy), two tones and a chirp, peak below 1: float32 [round(rate * seconds)]."""
    rng = np.random.RandomState(seed)
    n = int(round(rate * seconds))
    t = np.arange(n) / rate
    chirp = np.sin(2 * np.pi * (100 * t + 0.5 * (rate / 2.5 - 100) / seconds * t * t))
    x = 0.1 * rng.standard_normal(n) + 0.3 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 1234.5 * t) + 0.2 * chirp
    return (0.8 * x / np.abs(x).max()).astype(np.float32)
