namespace Hark.Cli;

/// <summary>What a piece of console text means to the reader; on a terminal each tone has its colour (<see cref="ConsoleOutput"/>).</summary>
public enum Tone
{
    Plain,
    /// <summary>Secondary figures: ETAs, a finished step's counts, the empty part of a progress bar.</summary>
    Muted,
    /// <summary>The filled part of a progress bar.</summary>
    Progress,
    /// <summary>The epoch the run keeps ("*best").</summary>
    Best,
    /// <summary>A step that opens a section of the output ("fold 2/5", "try next:").</summary>
    Heading,
    /// <summary>A command's result lines at its end.</summary>
    Summary,
    /// <summary>Something the user should look at: "skipped ..." and "warning: ..." messages.</summary>
    Warning,
    /// <summary>The paragraph a failed command ends with.</summary>
    Error,
}
