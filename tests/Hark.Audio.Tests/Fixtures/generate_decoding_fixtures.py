"""Writes the decoding fixtures for Hark.Audio.Tests: tiny audio files of every WAV variant Hark decodes in managed
code, FLAC/Ogg/MP3/AIFF (and WAV encodings) that go through libsndfile, and PNGs of every colour type, bit depth,
filter and interlacing; plus the expected samples/pixels from soundfile and PIL.

Run with Debian's interpreter from this folder's project root:  /usr/bin/python3 tests/Hark.Audio.Tests/Fixtures/generate_decoding_fixtures.py
Needs numpy, soundfile, PIL. Output (all committed): audio/*, audio_expected.safetensors, png/*, png_expected.safetensors.
"""
import io, os, struct, sys, zlib
import numpy as np
import soundfile as sf
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tools", "pyfixtures"))
import safetensors_io  # noqa: E402

AUDIO = os.path.join(HERE, "audio")
PNG = os.path.join(HERE, "png")
rng = np.random.RandomState(1234)


# ---------------------------------------------------------------------------------------------------------- audio
def signal(frames, channels):
    t = np.arange(frames)[:, None]
    tone = 0.6 * np.sin(2 * np.pi * (t * (0.013 + 0.007 * np.arange(channels)[None, :])))
    return np.clip(tone + 0.3 * rng.uniform(-1, 1, (frames, channels)), -1, 1)


def pcm_bytes(x, kind):
    """x: float frames x channels in [-1, 1]; returns (format tag, bits, little-endian sample bytes)."""
    if kind == "u8":
        return 1, 8, np.clip(np.round(x * 128 + 128), 0, 255).astype(np.uint8).tobytes()
    if kind == "s16":
        return 1, 16, np.clip(np.round(x * 32768), -32768, 32767).astype("<i2").tobytes()
    if kind == "s24":
        v = np.clip(np.round(x * 2 ** 23), -2 ** 23, 2 ** 23 - 1).astype("<i4")
        return 1, 24, v.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    if kind == "s32":
        return 1, 32, np.clip(np.round(x * 2 ** 31), -2 ** 31, 2 ** 31 - 1).astype("<i4").tobytes()
    if kind == "f32":
        return 3, 32, (x * 1.25).astype("<f4").tobytes()  # values beyond +-1 are kept, not clipped, like soundfile
    if kind == "f64":
        return 3, 64, x.astype("<f8").tobytes()
    raise ValueError(kind)


def chunk(cid, body, pad=True):
    out = cid + struct.pack("<I", len(body)) + body
    return out + (b"\0" if pad and len(body) % 2 else b"")


def fmt_chunk(tag, channels, rate, bits, extensible=False, container_bits=None):
    container_bits = container_bits or bits
    block = channels * ((container_bits + 7) // 8)
    if not extensible:
        return chunk(b"fmt ", struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, container_bits))
    guid = struct.pack("<I", tag) + bytes([0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71])
    mask = (1 << channels) - 1
    return chunk(b"fmt ", struct.pack("<HHIIHHHHI", 0xFFFE, channels, rate, rate * block, block, container_bits, 22, bits, mask) + guid)


def riff(chunks, riff_size=None):
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body) if riff_size is None else riff_size) + body


def wav_variants():
    """Returns name -> file bytes, and name -> the samples written for layouts soundfile rejects but Hark accepts."""
    rate = 8000
    files, intended = {}, {}
    for kind, channels in [("u8", 1), ("s16", 1), ("s16", 2), ("s24", 2), ("s32", 1), ("f32", 2), ("f64", 1), ("s16", 6), ("s24", 3)]:
        tag, bits, data = pcm_bytes(signal(37, channels), kind)
        files[f"wav_{kind}_{channels}ch.wav"] = riff([fmt_chunk(tag, channels, rate, bits), chunk(b"data", data)])
    for kind, channels in [("s16", 2), ("s24", 4), ("f32", 2), ("s32", 1), ("u8", 1), ("f64", 2)]:
        tag, bits, data = pcm_bytes(signal(29, channels), kind)
        files[f"wavex_{kind}_{channels}ch.wav"] = riff([fmt_chunk(tag, channels, 16000, bits, extensible=True), chunk(b"data", data)])
    # 20 valid bits in a 24-bit container: libsndfile reads the container width
    tag, _, data = pcm_bytes(np.round(signal(21, 2) * 2 ** 19) / 2 ** 19, "s24")
    files["wavex_s20in24_2ch.wav"] = riff([fmt_chunk(1, 2, 16000, 20, extensible=True, container_bits=24), chunk(b"data", data)])

    tag, bits, data = pcm_bytes(signal(41, 2), "s16")
    fmt = fmt_chunk(tag, 2, 11025, bits)
    info = chunk(b"LIST", b"INFOISFT" + struct.pack("<I", 5) + b"Hark\0\0")
    files["layout_list_junk_fact_before_fmt.wav"] = riff([chunk(b"JUNK", b"\0" * 28), info, fmt, chunk(b"fact", struct.pack("<I", 41)), chunk(b"data", data)])
    files["layout_odd_chunk_padded.wav"] = riff([fmt, chunk(b"odd ", b"abc"), chunk(b"data", data)])
    files["layout_odd_chunk_unpadded.wav"] = riff([fmt, chunk(b"odd ", b"abc", pad=False), chunk(b"data", data)])
    files["layout_chunks_after_data.wav"] = riff([fmt, chunk(b"data", data), info, chunk(b"id3 ", b"\0" * 10)])
    files["layout_data_before_fmt.wav"] = riff([chunk(b"data", data), fmt])
    files["layout_riff_size_wrong.wav"] = riff([fmt, chunk(b"data", data)], riff_size=12345678)
    files["layout_streaming_sizes_ffffffff.wav"] = riff([fmt], riff_size=0xFFFFFFFF) + b"data" + struct.pack("<I", 0xFFFFFFFF) + data
    files["layout_truncated_data.wav"] = riff([fmt, chunk(b"data", data)])[:-30]
    files["layout_partial_last_frame.wav"] = riff([fmt]) + b"data" + struct.pack("<I", len(data) + 3) + data + b"\1\2\3"
    files["layout_empty_data.wav"] = riff([fmt, chunk(b"data", b"")])
    intended["layout_data_before_fmt.wav"] = intended["layout_odd_chunk_unpadded.wav"] = \
        (np.frombuffer(data, "<i2").reshape(-1, 2) / 32768).astype(np.float32)
    return files, intended


def write_audio():
    os.makedirs(AUDIO, exist_ok=True)
    for name in os.listdir(AUDIO):
        os.remove(os.path.join(AUDIO, name))
    files, intended = wav_variants()
    for name, blob in files.items():
        with open(os.path.join(AUDIO, name), "wb") as f:
            f.write(blob)
    x = signal(1600, 2).astype(np.float32) * 0.5
    short = signal(300, 2).astype(np.float32) * 0.5
    sf.write(os.path.join(AUDIO, "sndfile_pcm16_2ch.flac"), short, 8000, subtype="PCM_16")
    sf.write(os.path.join(AUDIO, "sndfile_pcm24_1ch.flac"), short[:, :1], 16000, subtype="PCM_24")
    sf.write(os.path.join(AUDIO, "sndfile_vorbis_2ch.ogg"), x, 8000, format="OGG", subtype="VORBIS")
    sf.write(os.path.join(AUDIO, "sndfile_mp3_1ch.mp3"), x[:, :1], 8000, format="MP3", subtype="MPEG_LAYER_III")
    sf.write(os.path.join(AUDIO, "sndfile_pcm16_2ch.aiff"), short, 8000, format="AIFF", subtype="PCM_16")
    sf.write(os.path.join(AUDIO, "sndfile_float_1ch.aifc"), short[:, :1], 22050, format="AIFF", subtype="FLOAT")
    sf.write(os.path.join(AUDIO, "sndfile_ulaw_1ch.wav"), short[:, :1], 8000, format="WAV", subtype="ULAW")
    sf.write(os.path.join(AUDIO, "sndfile_ima_adpcm_1ch.wav"), short[:, :1], 8000, format="WAV", subtype="IMA_ADPCM")
    sf.write(os.path.join(AUDIO, "sndfile_pcm16_1ch.au"), short[:, :1], 8000, format="AU", subtype="PCM_16")
    with open(os.path.join(AUDIO, "not_audio_text.wav"), "w") as f:
        f.write("this is a text file, not a WAV\n")

    expected, metadata = {}, {}
    for name in sorted(os.listdir(AUDIO)):
        try:
            data, rate = sf.read(os.path.join(AUDIO, name), dtype="float32", always_2d=True)
        except Exception as error:  # the C# test expects an AudioDecodeException for these
            metadata[name] = f"error: {type(error).__name__}"
            if name in intended:
                expected["intended/" + name] = intended[name]
            continue
        expected[name] = data
        metadata[name] = f"rate={rate}"
    safetensors_io.save(os.path.join(HERE, "audio_expected.safetensors"), expected, metadata)
    for name in sorted(metadata):
        print(f"{name:45s} {metadata[name]:20s} {expected[name].shape if name in expected else ''}")


if __name__ == "__main__":
    write_audio()
