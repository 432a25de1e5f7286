using Hark.Cli;
using Hark.Tensors;

HarkLogging.LoggerFactory = StderrLogger.FromEnvironment();
Hark.Onnx.Runtime.OnnxRuntimeEngine.Register();
return CommandLine.Run(args);
