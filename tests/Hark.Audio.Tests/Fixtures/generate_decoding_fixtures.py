"""Writes the decoding fixtures for Hark.Audio.Tests: tiny audio files of every WAV variant Hark decodes in managed
code, FLAC/Ogg/MP3/AIFF (and WAV encodings) that go through libsndfile, and PNGs of every colour type, bit depth,
filter and interlacing; plus the expected samples/pixels from soundfile and PIL.

Run with Debian's interpreter from this folder's project root:  /usr/bin/python3 tests/Hark.Audio.Tests/Fixtures/generate_decoding_fixtures.py
Needs numpy, soundfile, PIL (and torch for the resize references). libsndfile puts a random stream serial in Ogg
files and a timestamp in AIFC files, so those two differ byte-wise between runs; their expected samples are rewritten
with them, so always commit the whole Fixtures folder together. Output (all committed): audio/*, audio_expected.safetensors, png/*, png_expected.safetensors.
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
    # a zero data size with samples after it: libsndfile (so soundfile) reads no frames, and so does Hark
    files["layout_data_size_zero_then_samples.wav"] = riff([fmt], riff_size=0) + b"data" + struct.pack("<I", 0) + data
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
    sf.write(os.path.join(AUDIO, "sndfile_rf64_pcm24_2ch.wav"), short, 8000, format="RF64", subtype="PCM_24")
    sf.write(os.path.join(AUDIO, "sndfile_w64_float_2ch.w64"), short, 8000, format="W64", subtype="FLOAT")
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


# ------------------------------------------------------------------------------------------------------------ png
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png_chunk(cid, body):
    return struct.pack(">I", len(body)) + cid + body + struct.pack(">I", zlib.crc32(cid + body) & 0xFFFFFFFF)


def pack_row(row, depth):
    """row: 1-D uint16 samples -> packed big-endian bytes at the given bit depth."""
    if depth == 16:
        return row.astype(">u2").tobytes()
    if depth == 8:
        return row.astype(np.uint8).tobytes()
    per = 8 // depth
    padded = np.zeros(-(-len(row) // per) * per, np.uint8)
    padded[: len(row)] = row
    shifts = np.array([8 - depth * (k + 1) for k in range(per)], np.uint8)
    return (padded.reshape(-1, per) << shifts).sum(axis=1).astype(np.uint8).tobytes()


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filter_row(kind, row, prev, bpp):
    out = bytearray(len(row))
    for i in range(len(row)):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out[i] = (row[i] - predictor) & 0xFF
    return bytes([kind]) + bytes(out)


def encode_png(samples, color, depth, interlace=False, palette=None, trns=None, idat_pieces=1, extra_chunks=()):
    """samples: H x W x C uint16 (palette indices for colour type 3). Row r of each pass uses filter r % 5."""
    height, width, channels = samples.shape
    bpp = max(1, channels * depth // 8)
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    raw = bytearray()
    for x0, y0, dx, dy in passes:
        sub = samples[y0::dy, x0::dx]
        if sub.size == 0:
            continue
        prev = bytes(len(pack_row(sub[0].reshape(-1), depth)))
        for r, line in enumerate(sub):
            row = pack_row(line.reshape(-1), depth)
            raw += filter_row(r % 5, row, prev, bpp)
            prev = row
    data = zlib.compress(bytes(raw), 9)
    cuts = np.linspace(0, len(data), idat_pieces + 1).astype(int)
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, int(interlace)))
    for cid, body in extra_chunks:
        out += png_chunk(cid, body)
    if palette is not None:
        out += png_chunk(b"PLTE", palette.astype(np.uint8).tobytes())
    if trns is not None:
        out += png_chunk(b"tRNS", trns)
    for a, b in zip(cuts[:-1], cuts[1:]):
        out += png_chunk(b"IDAT", data[a:b])
    return out + png_chunk(b"IEND", b"")


def pil_pixels(blob):
    """PIL's decode as H x W x C integers: native values for 16-bit gray (mode I), else 8-bit (PIL's own modes)."""
    image = Image.open(io.BytesIO(blob))
    image.load()
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    array = np.asarray(image).astype(np.int64)
    if image.mode == "1":
        array = array * 255
    if image.mode == "RGBA" and blob[25] == 4:  # PIL opens 16-bit gray+alpha as RGBA with R = G = B
        assert np.array_equal(array[..., 0], array[..., 1]) and np.array_equal(array[..., 0], array[..., 2])
        array = array[..., [0, 3]]
    return array.reshape(array.shape[0], array.shape[1], -1), image.mode


def written_as_pil_sees_it(samples, color, depth, palette, trns):
    if color == 3:
        rgb = palette[samples[..., 0]]
        if trns is None:
            return rgb
        alpha = np.array(list(trns) + [255] * (len(palette) - len(trns)))[samples[..., 0]]
        return np.concatenate([rgb, alpha[..., None]], axis=2)
    if color == 0 and depth == 16:
        return samples
    if depth == 16:
        return samples >> 8
    return samples * (255 // ((1 << depth) - 1))


def png_variants():
    variants = {}
    for interlace in (False, True):
        suffix = "_adam7" if interlace else ""
        for color, depths in [(0, (1, 2, 4, 8, 16)), (4, (8, 16)), (2, (8, 16)), (6, (8, 16)), (3, (1, 2, 4, 8))]:
            for depth in depths:
                height, width = (13, 11) if depth != 1 else (9, 19)
                channels = CHANNELS[color]
                top = (1 << depth) - 1
                if color == 3:
                    entries = min(1 << depth, 200)
                    samples = rng.randint(0, entries, (height, width, 1))
                    palette = rng.randint(0, 256, (entries, 3))
                    variants[f"palette_{depth}bit{suffix}.png"] = (samples, color, depth, interlace, palette, None)
                    if depth in (4, 8):
                        trns = bytes(rng.randint(0, 256, entries - 3).astype(np.uint8))
                        variants[f"palette_{depth}bit_trns{suffix}.png"] = (samples, color, depth, interlace, palette, trns)
                else:
                    samples = rng.randint(0, top + 1, (height, width, channels))
                    samples[0, 0] = top
                    name = {0: "gray", 4: "gray_alpha", 2: "rgb", 6: "rgba"}[color]
                    variants[f"{name}_{depth}bit{suffix}.png"] = (samples, color, depth, interlace, None, None)
    for height, width in [(1, 1), (2, 3), (5, 1), (1, 7)]:
        samples = rng.randint(0, 256, (height, width, 3))
        variants[f"rgb_8bit_adam7_{height}x{width}.png"] = (samples, 2, 8, True, None, None)
    samples = rng.randint(0, 256, (6, 5, 1))
    variants["gray_8bit_trns_key.png"] = (samples, 0, 8, False, None, struct.pack(">H", int(samples[0, 0, 0])))
    samples = rng.randint(0, 65536, (4, 6, 3))
    variants["rgb_16bit_trns_key.png"] = (samples, 2, 16, False, None, struct.pack(">HHH", *map(int, samples[1, 1])))
    return variants


def write_png():
    os.makedirs(PNG, exist_ok=True)
    for name in os.listdir(PNG):
        os.remove(os.path.join(PNG, name))
    expected, metadata = {}, {}
    blobs = {}
    for name, (samples, color, depth, interlace, palette, trns) in png_variants().items():
        blobs[name] = encode_png(samples.astype(np.uint16), color, depth, interlace, palette, trns)
        # The encoder above is checked against PIL: PIL must read back exactly the samples written.
        written = written_as_pil_sees_it(samples, color, depth, palette, trns)
        assert np.array_equal(pil_pixels(blobs[name])[0], written), name
    samples = rng.randint(0, 256, (10, 12, 4))
    blobs["rgba_8bit_split_idat_text_chunks.png"] = encode_png(
        samples.astype(np.uint16), 6, 8, idat_pieces=4, extra_chunks=[(b"tEXt", b"Comment\0Hark"), (b"gAMA", struct.pack(">I", 45455))])
    for name, blob in blobs.items():
        with open(os.path.join(PNG, name), "wb") as f:
            f.write(blob)
        pixels, mode = pil_pixels(blob)
        expected[name] = pixels.astype(np.float32)  # exact: every value is below 2^16
        metadata[name] = f"mode={mode}"
    safetensors_io.save(os.path.join(HERE, "png_expected.safetensors"), expected, metadata)
    print(f"{len(blobs)} PNGs, {sum(map(len, blobs.values()))} bytes")



RESIZES = [(7, 9), (13, 17), (20, 31), (13, 5), (4, 40), (1, 1), (26, 6)]


def write_resize():
    """torch.nn.functional.interpolate(mode="bilinear", align_corners=False), antialias off and on, of a random
    [3, 13, 17] image; plus PIL's 8-bit BILINEAR resize of the same image quantised, to report how far torch's is."""
    import torch
    import torch.nn.functional as F
    image = torch.from_numpy(rng.uniform(0, 1, (3, 13, 17)).astype(np.float32))
    tensors = {"input": image}
    for height, width in RESIZES:
        for antialias in (False, True):
            out = F.interpolate(image[None], size=(height, width), mode="bilinear", align_corners=False, antialias=antialias)[0]
            tensors[f"{height}x{width}_antialias={antialias}"] = out
    quantised = np.round(image.numpy() * 255).astype(np.uint8).transpose(1, 2, 0)
    tensors["input_8bit"] = quantised.transpose(2, 0, 1).astype(np.float32) / 255
    for height, width in [(7, 9), (20, 31)]:
        pil = np.asarray(Image.fromarray(quantised).resize((width, height), Image.BILINEAR)).astype(np.float32) / 255
        tensors[f"pil_bilinear_{height}x{width}"] = pil.transpose(2, 0, 1)
        aa = F.interpolate(torch.from_numpy(tensors["input_8bit"])[None], size=(height, width),
                           mode="bilinear", align_corners=False, antialias=True)[0].numpy()
        print(f"PIL BILINEAR vs torch antialias=True at {height}x{width}: max |diff| = {np.abs(pil.transpose(2, 0, 1) - aa).max() * 255:.3f} / 255")
    safetensors_io.save(os.path.join(HERE, "resize_expected.safetensors"), tensors,
                        {"torch": torch.__version__, "call": "F.interpolate(x[None], size, mode='bilinear', align_corners=False, antialias=...)"})


PIL_RESIZES = [(96, 96), (32, 32), (50, 70), (64, 33), (17, 64), (5, 3)]


def write_pil_resize():
    """PIL's Image.resize(BILINEAR) of a 64x64 RGB and a 64x64 gray image to several sizes, all saved as PNG."""
    folder = os.path.join(HERE, "resize")
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    y, x = np.mgrid[0:64, 0:64]
    base = np.stack([x * 4, y * 4, (x + y) * 2], axis=2) + rng.randint(-6, 6, (64, 64, 3))
    sources = {"rgb": Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB"),
               "gray": Image.fromarray(np.clip(base[..., 0] // 2 + base[..., 1] // 2, 0, 255).astype(np.uint8), "L")}
    for kind, image in sources.items():
        image.save(os.path.join(folder, f"source_{kind}_64x64.png"))
        for height, width in PIL_RESIZES:
            image.resize((width, height), Image.BILINEAR).save(os.path.join(folder, f"pil_bilinear_{kind}_{height}x{width}.png"))


def write_fsdd_triple_png_digest():
    """Per-file SHA-256 (first 16 hex digits) of PIL's convert("RGB").tobytes() for every PNG in ../shared/data/fsdd-triple-png,
    gzipped CSV (path relative to that folder, digest)."""
    root = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "fsdd-triple-png")
    if not os.path.isdir(root):
        print(f"skipping the fsdd-triple-png digest: {root} not found")
        return
    import gzip, hashlib
    rows = []
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(f for f in files if f.endswith(".png")):
            path = os.path.join(folder, name)
            rgb = Image.open(path).convert("RGB").tobytes()
            rows.append((os.path.relpath(path, root), hashlib.sha256(rgb).hexdigest()[:16]))
    text = "path,sha256_16\n" + "".join(f"{p},{h}\n" for p, h in sorted(rows))
    with open(os.path.join(HERE, "fsdd_triple_png_pil_rgb_sha256.csv.gz"), "wb") as f:
        f.write(gzip.compress(text.encode(), mtime=0))
    print(f"digested {len(rows)} PNGs from {root}")


if __name__ == "__main__":
    write_audio()
    write_png()
    write_resize()
    write_pil_resize()
    write_fsdd_triple_png_digest()
