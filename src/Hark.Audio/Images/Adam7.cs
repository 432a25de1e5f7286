namespace Hark.Audio.Images;

/// <summary>The seven Adam7 passes of an interlaced PNG, or the single full-image pass of a plain one.</summary>
internal static class Adam7
{
    internal readonly record struct Pass(int XStart, int YStart, int XStep, int YStep, int Width, int Height);

    private static readonly (int XStart, int YStart, int XStep, int YStep)[] Layout =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>The passes that contain pixels, in file order.</summary>
    public static IEnumerable<Pass> Passes(PngDecoder.Header header)
    {
        if (!header.Interlaced)
        {
            yield return new Pass(0, 0, 1, 1, header.Width, header.Height);
            yield break;
        }
        foreach (var (x, y, dx, dy) in Layout)
        {
            int width = (header.Width - x + dx - 1) / dx, height = (header.Height - y + dy - 1) / dy;
            if (width > 0 && height > 0) yield return new Pass(x, y, dx, dy, width, height);
        }
    }

    /// <summary>Bytes of filtered data (a filter-type byte plus packed samples per row, over all passes).</summary>
    public static long RawLength(PngDecoder.Header header) =>
        Passes(header).Sum(p => p.Height * (1 + header.RowBytes(p.Width)));
}
