using Hark.Cli;
using Hark.Tensors;

HarkLogging.LoggerFactory = StderrLogger.FromEnvironment();
return CommandLine.Run(args);
