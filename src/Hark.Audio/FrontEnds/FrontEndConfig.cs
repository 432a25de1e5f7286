using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hark.Audio.Cropping;
using Hark.Audio.Normalization;
using Hark.Audio.Resampling;
using Hark.Audio.Spectral;

namespace Hark.Audio.FrontEnds;

/// <summary>
/// Every parameter of a front end (mono -> resample -> length policy -> STFT -> mel -> dB -> normalise), as a small record
/// that is written into a run directory and read back, so training and prediction compute identical features.
/// Names follow torchaudio / librosa. <see cref="ParameterHash"/> identifies the features it produces (the cache key).
/// </summary>
public sealed record FrontEndConfig
{
    public string Name { get; init; } = "custom";

    /// <summary>Every clip is resampled to this rate first.</summary>
    public int SampleRate { get; init; } = 16000;

    public ResamplerOptions Resampling { get; init; } = ResamplerOptions.Torchaudio;

    /// <summary>Fixed clip length after resampling; null keeps each clip's own length.</summary>
    public LengthPolicy? Length { get; init; }

    public int NFft { get; init; } = 400;

    public int HopLength { get; init; } = 200;

    public int? WinLength { get; init; }

    public WindowFunction Window { get; init; } = WindowFunction.Hann;

    public CenterPadding Center { get; init; } = CenterPadding.Reflect;

    public SpectrumKind Spectrum { get; init; } = SpectrumKind.Power;

    public int NMels { get; init; } = 128;

    public double FMin { get; init; }

    public double? FMax { get; init; }

    public MelScale MelScale { get; init; } = MelScale.Htk;

    public MelNorm MelNorm { get; init; } = MelNorm.None;

    public MelFormula MelFormula { get; init; } = MelFormula.Torchaudio;

    /// <summary>dB conversion; null leaves the mel spectrogram linear.</summary>
    public PowerToDbOptions? Db { get; init; } = new();

    public NormalizationOptions Normalization { get; init; } = NormalizationOptions.None;

    [JsonIgnore]
    public StftOptions StftOptions => new() { NFft = NFft, HopLength = HopLength, WinLength = WinLength, Window = Window, Center = Center };

    [JsonIgnore]
    public MelFilterBankOptions MelOptions => new()
    {
        SampleRate = SampleRate, NFft = NFft, NMels = NMels, FMin = FMin, FMax = FMax, Scale = MelScale, Norm = MelNorm, Formula = MelFormula,
    };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a config written by <see cref="ToJson"/>; <paramref name="source"/> names the file in errors.</summary>
    public static FrontEndConfig FromJson(string json, string source = "front-end config")
    {
        try
        {
            return JsonSerializer.Deserialize<FrontEndConfig>(json, JsonOptions) ?? throw new FormatException($"{source}: empty front-end config");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: invalid front-end config at line {e.LineNumber + 1}: {e.Message}", e);
        }
    }

    /// <summary>
    /// First 16 hex digits of the SHA-256 of the config's JSON without its <see cref="Name"/>: equal parameters give equal
    /// hashes whatever the preset is called; any parameter change gives a new hash.
    /// </summary>
    [JsonIgnore]
    public string ParameterHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((this with { Name = "" }).ToJson())))[..16];

    /// <summary>Checks every setting and throws naming the first bad one.</summary>
    public void Validate()
    {
        if (SampleRate <= 0) throw new ArgumentException($"FrontEndConfig '{Name}': sample_rate must be > 0; got {SampleRate}");
        Resampling.Validate();
        StftOptions.Validate();
        MelOptions.Validate();
        Length?.Samples(SampleRate);
    }
}
