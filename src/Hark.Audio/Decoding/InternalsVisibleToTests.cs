using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Hark.Audio.Tests")]
