using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Hark.Audio.Tests")]
// The feature cache reads audio and cache entries into the same pooled buffers as the decoders.
[assembly: InternalsVisibleTo("Hark.Features")]
