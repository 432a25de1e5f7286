using Hark.Cli;

return CommandLine.Run(args);
