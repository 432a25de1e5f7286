using System.Buffers;
using Hark.Audio.Cropping;
using Hark.Audio.Normalization;
using Hark.Audio.Resampling;
using Hark.Audio.Spectral;
using Hark.Tensors;

namespace Hark.Audio.FrontEnds;

/// <summary>
/// A feature extractor: mono -> resample to <see cref="FrontEndConfig.SampleRate"/> -> length policy -> STFT -> mel ->
/// dB -> normaliser, producing [n_mels, frames]. Built once from a <see cref="FrontEndConfig"/> (filter bank, window, FFT plan
/// and the resamplers of the last <see cref="ResamplerCache.DefaultCapacity"/> input rates are cached); immutable apart from
/// that cache and safe to share across threads. Features holding a NaN or an infinity are never returned: they are refused
/// with an <see cref="ArgumentException"/> naming where, so nothing downstream caches, trains on or serves them.
/// </summary>
public sealed class FrontEnd
{
    public FrontEnd(FrontEndConfig config)
    {
        config.Validate();
        Config = config;
        ParameterHash = config.ParameterHash;
        MelSpectrogram = new MelSpectrogram(config.StftOptions, config.MelOptions, config.Spectrum);
        Resamplers = new ResamplerCache(config.SampleRate, config.Resampling);
    }

    /// <summary>The resamplers to the front end's rate, least recently used dropped first.</summary>
    public ResamplerCache Resamplers { get; }

    public FrontEndConfig Config { get; }

    public MelSpectrogram MelSpectrogram { get; }

    public int NMels => Config.NMels;

    /// <summary><see cref="FrontEndConfig.ParameterHash"/>, computed once (it serialises the config).</summary>
    public string ParameterHash { get; }

    /// <summary>
    /// The front end of ../shared/bench/peer_torch_train.py and Hark's default: 16 kHz, pad/trim to 1 s, torchaudio
    /// MelSpectrogram with n_fft 512, hop 160, 64 Slaney mels (Slaney norm, reflect padding), amplitude_to_DB(10, 1e-10, 0,
    /// no top_db), per-clip standardisation.
    /// </summary>
    public static FrontEndConfig SeedAudio => Torchaudio with
    {
        Name = "seed-audio", Length = LengthPolicy.PadOrTrim(1.0), NFft = 512, HopLength = 160, NMels = 64,
        MelScale = MelScale.Slaney, MelNorm = MelNorm.Slaney, Normalization = NormalizationOptions.PerClip,
    };

    /// <summary>librosa 0.10 defaults: 22050 Hz, n_fft 2048, hop 512, 128 Slaney mels (Slaney norm), constant centre padding, power 2, power_to_db(ref 1, amin 1e-10, top_db 80).</summary>
    public static FrontEndConfig Librosa => new()
    {
        Name = "librosa", SampleRate = 22050, NFft = 2048, HopLength = 512, Center = CenterPadding.Constant, NMels = 128,
        MelScale = MelScale.Slaney, MelNorm = MelNorm.Slaney, MelFormula = MelFormula.Librosa,
        Db = new PowerToDbOptions { TopDb = 80 },
    };

    /// <summary>torchaudio.transforms.MelSpectrogram() defaults (16 kHz, n_fft 400, hop 200, 128 HTK mels, no norm, reflect) + AmplitudeToDB() (top_db None).</summary>
    public static FrontEndConfig Torchaudio => new()
    {
        Name = "torchaudio", SampleRate = 16000, NFft = 400, HopLength = 200, Center = CenterPadding.Reflect, NMels = 128,
        MelScale = MelScale.Htk, MelNorm = MelNorm.None, MelFormula = MelFormula.Torchaudio, Db = new PowerToDbOptions(),
    };

    /// <summary>
    /// PANNs' extractor for its 32 kHz networks (Cnn14, Cnn10, ResNet38, Cnn14_DecisionLevelAtt): torchlibrosa's
    /// Spectrogram (n_fft 1024, hop 320, periodic Hann, reflect padding, power 2) and LogmelFilterBank (64 Slaney mels
    /// with Slaney norm from librosa.filters.mel, 50-14000 Hz; 10 log10(max(x, 1e-10)), no top_db).
    /// </summary>
    public static FrontEndConfig Panns32k => new()
    {
        Name = "panns32k", SampleRate = 32000, NFft = 1024, HopLength = 320, Center = CenterPadding.Reflect, NMels = 64,
        FMin = 50, FMax = 14000, MelScale = MelScale.Slaney, MelNorm = MelNorm.Slaney, MelFormula = MelFormula.Librosa,
        Db = new PowerToDbOptions(),
    };

    /// <summary>PANNs' extractor for Cnn14_16k: <see cref="Panns32k"/> at 16 kHz with n_fft 512, hop 160 and mels up to 8000 Hz (the same 100 frames a second).</summary>
    public static FrontEndConfig Panns16k => Panns32k with { Name = "panns16k", SampleRate = 16000, NFft = 512, HopLength = 160, FMax = 8000 };

    /// <summary>
    /// Seed pipeline B: 32 kHz, pad/trim to 5 s, librosa melspectrogram with n_fft 2048, hop 320, 256 Slaney mels (constant
    /// padding), power_to_db (top_db 80), per-clip standardisation. Its clamp bounds were not stated; add one with
    /// <see cref="NormalizationOptions.WithClamp"/>.
    /// </summary>
    public static FrontEndConfig Seed001 => new()
    {
        Name = "seed001", SampleRate = 32000, Length = LengthPolicy.PadOrTrim(5.0), NFft = 2048, HopLength = 320,
        Center = CenterPadding.Constant, NMels = 256, MelScale = MelScale.Slaney, MelNorm = MelNorm.Slaney, MelFormula = MelFormula.Librosa,
        Db = new PowerToDbOptions { TopDb = 80 }, Normalization = NormalizationOptions.PerClip,
    };

    /// <summary>The names <see cref="Preset"/> knows: every front-end preset of Hark, each matched to its library in tests.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["seed-audio", "librosa", "torchaudio", "panns32k", "panns16k", "seed001"];

    /// <summary>The presets by name (case-insensitive): see <see cref="PresetNames"/>.</summary>
    public static FrontEndConfig Preset(string name) => name.ToLowerInvariant() switch
    {
        "seed-audio" => SeedAudio,
        "librosa" => Librosa,
        "torchaudio" => Torchaudio,
        "panns32k" => Panns32k,
        "panns16k" => Panns16k,
        "seed001" => Seed001,
        _ => throw new ArgumentException($"unknown front-end preset '{name}'; expected one of {string.Join(", ", PresetNames)}"),
    };

    /// <summary>The shared resampler from <paramref name="sampleRate"/> to the front end's rate.</summary>
    public Resampler ResamplerFrom(int sampleRate) => Resamplers.From(sampleRate);

    /// <summary>
    /// What <see cref="Apply(ReadOnlySpan{float}, int, Span{float}, Generator?)"/> needs read of a file, with an optional
    /// duration limit (the CLI's --max-duration) and sample policy taken from <paramref name="limits"/>: with a fixed length
    /// kept from the start of the clip, only the input frames that determine those samples (the resampler's reach included),
    /// so the features equal those of the whole file; otherwise every frame. Not for <see cref="ApplyEvenCrops"/>, which
    /// spans the whole clip.
    /// </summary>
    public AudioReadOptions ReadOptions(AudioReadOptions? limits = null) => (limits ?? AudioReadOptions.Whole) with
    {
        LeadingFrames = Config.Length is { Crop: CropPosition.Start } policy ? rate => InputFramesFor(policy.Samples(Config.SampleRate), rate) : null,
    };

    // Input frames at sampleRate whose resampling gives the first `samples` samples at the front end's rate exactly.
    private long InputFramesFor(int samples, int sampleRate) =>
        sampleRate == Config.SampleRate ? samples : ResamplerFrom(sampleRate).InputLengthFor(samples);

    /// <summary>Samples at the front end's rate that a mono clip of <paramref name="samples"/> at <paramref name="sampleRate"/> becomes.</summary>
    public int SignalLength(int samples, int sampleRate) =>
        Config.Length?.Samples(Config.SampleRate) ?? (sampleRate == Config.SampleRate ? samples : ResamplerFrom(sampleRate).OutputLength(samples));

    /// <summary>Frames of the features of a mono clip of <paramref name="samples"/> at <paramref name="sampleRate"/>.</summary>
    public int FrameCount(int samples, int sampleRate) => MelSpectrogram.FrameCount(SignalLength(samples, sampleRate));

    /// <summary>
    /// Features [n_mels, frames] of a mono clip into <paramref name="destination"/> (<see cref="FrameCount"/> frames).
    /// <paramref name="generator"/> is needed only by a random-crop length policy.
    /// </summary>
    public void Apply(ReadOnlySpan<float> mono, int sampleRate, Span<float> destination, Generator? generator = null)
    {
        if (sampleRate <= 0) throw new ArgumentException($"FrontEnd '{Config.Name}': sample rate must be > 0; got {sampleRate}");
        float[]? resampledBuffer = null, fixedBuffer = null;
        try
        {
            ReadOnlySpan<float> signal = mono;
            if (sampleRate != Config.SampleRate)
            {
                var resampler = ResamplerFrom(sampleRate);
                int length = resampler.OutputLength(mono.Length);
                resampledBuffer = ArrayPool<float>.Shared.Rent(length);
                resampler.Resample(mono, resampledBuffer.AsSpan(0, length));
                signal = resampledBuffer.AsSpan(0, length);
            }
            if (Config.Length is { } policy)
            {
                int length = policy.Samples(Config.SampleRate);
                fixedBuffer = ArrayPool<float>.Shared.Rent(length);
                Cropping.Length.Apply(signal, fixedBuffer.AsSpan(0, length), policy, generator);
                signal = fixedBuffer.AsSpan(0, length);
            }
            Features(signal, destination);
        }
        finally
        {
            if (resampledBuffer is not null) ArrayPool<float>.Shared.Return(resampledBuffer);
            if (fixedBuffer is not null) ArrayPool<float>.Shared.Return(fixedBuffer);
        }
    }

    /// <summary>Features of a mono clip as a tensor [n_mels, frames].</summary>
    public Tensor Apply(ReadOnlySpan<float> mono, int sampleRate, Generator? generator = null)
    {
        int frames = FrameCount(mono.Length, sampleRate);
        var data = new float[NMels * frames];
        Apply(mono, sampleRate, data, generator);
        return Tensor.FromArray(data, NMels, frames);
    }

    /// <summary>Features of a decoded clip (downmixed to mono first) as a tensor [n_mels, frames].</summary>
    public Tensor Apply(Waveform waveform, Generator? generator = null) => Apply(waveform.ToMono().Samples, waveform.SampleRate, generator);

    /// <summary>
    /// How many crops of the length policy's duration cover a mono clip of <paramref name="samples"/> at
    /// <paramref name="sampleRate"/> (see <see cref="Cropping.Length.CoveringCount"/>); 1 without a length policy.
    /// </summary>
    public int CoveringCrops(int samples, int sampleRate, int max)
    {
        if (Config.Length is not { } policy) return 1;
        int signal = sampleRate == Config.SampleRate ? samples : ResamplerFrom(sampleRate).OutputLength(samples);
        return Cropping.Length.CoveringCount(signal, policy.Samples(Config.SampleRate), max);
    }

    /// <summary>
    /// Test-time augmentation: <paramref name="count"/> evenly spaced crops of the length policy's duration (a clip shorter
    /// than that is padded as the policy says), each turned into features; returns [count, n_mels, frames].
    /// </summary>
    public Tensor ApplyEvenCrops(ReadOnlySpan<float> mono, int sampleRate, int count)
    {
        var policy = Config.Length ?? throw new InvalidOperationException($"FrontEnd '{Config.Name}': evenly spaced crops need a length policy");
        float[] resampled = sampleRate == Config.SampleRate ? mono.ToArray() : ResamplerFrom(sampleRate).Resample(mono);
        int length = policy.Samples(Config.SampleRate), frames = MelSpectrogram.FrameCount(length);
        var offsets = Cropping.Length.EvenlySpacedOffsets(resampled.Length, length, count);
        var crop = new float[length];
        var result = new float[count * NMels * frames];
        for (int k = 0; k < count; k++)
        {
            Cropping.Length.CropAt(resampled, Math.Min(offsets[k], Math.Max(0, resampled.Length - 1)), crop, policy.Padding);
            Features(crop, result.AsSpan(k * NMels * frames, NMels * frames));
        }
        return Tensor.FromArray(result, count, NMels, frames);
    }

    /// <summary>
    /// The front end's last step, on [n_mels, frames] features: its <see cref="FrontEndConfig.Normalization"/> (per clip,
    /// per mel bin with fitted statistics, min-max, or none). The one place normalisation is applied: by
    /// every <c>Apply</c>, and by callers that read features cached before normalisation (so one
    /// cache entry serves every normalisation setting and every fitted statistic). Fitting the statistics is
    /// <see cref="FeatureStatistics"/>'s job, on the training clips only.
    /// </summary>
    public void Normalize(Span<float> features) => FeatureNormalizer.Apply(features, NMels, Config.Normalization);

    // STFT -> mel -> dB -> normalise, on a signal already at the front end's rate and length.
    private void Features(ReadOnlySpan<float> signal, Span<float> destination)
    {
        int frames = MelSpectrogram.FrameCount(signal.Length);
        if (destination.Length != NMels * frames)
            throw new ArgumentException($"FrontEnd '{Config.Name}': expected a destination of [{NMels}, {frames}] = {NMels * frames} floats; got {destination.Length}");
        MelSpectrogram.Compute(signal, destination);
        if (Config.Db is { } db) PowerToDb.Apply(destination, db);
        Normalize(destination);
        int bad = DecodedAudioChecks.IndexOfNonFinite(destination);
        if (bad >= 0)
            throw new ArgumentException(
                $"FrontEnd '{Config.Name}': the features are {destination[bad]} at mel {bad / frames}, frame {bad % frames} (the clip's samples reach {MaxAbs(signal):G3}; decoded audio lies within [-1, 1])");
    }

    private static float MaxAbs(ReadOnlySpan<float> signal)
    {
        float max = 0;
        foreach (float x in signal) max = float.IsNaN(x) ? x : Math.Max(max, Math.Abs(x));
        return max;
    }
}
