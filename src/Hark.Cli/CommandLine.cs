namespace Hark.Cli;

/// <summary>Dispatches `hark &lt;command&gt;`; each command is one call into Hark.Training.</summary>
public static class CommandLine
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine("usage: hark <command> [options]\n\ncommands are added as the layers below them land; see README.md.");
            return args.Length == 0 ? 1 : 0;
        }
        Console.Error.WriteLine($"hark: unknown command '{args[0]}' (try 'hark --help')");
        return 2;
    }
}
