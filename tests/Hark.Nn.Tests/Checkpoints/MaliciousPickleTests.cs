using Hark.Nn.Checkpoints;

namespace Hark.Nn.Tests.Checkpoints;

/// <summary>
/// Pickles that would run code, or call numpy functions other than its pickling helpers, if torch.load opened them
/// without weights_only (issue 11): each is refused with the global it names, and nothing runs. The files are written
/// by Fixtures/make_checkpoint_fixtures.py; protocol 2 spells builtins and subprocess as Python 2's __builtin__ and
/// commands, protocol 4 keeps Python 3's names.
/// </summary>
public class MaliciousPickleTests
{
    [Theory]
    [InlineData("malicious_os_system.pth", "posix.system")]
    [InlineData("malicious_builtins_eval.pth", "__builtin__.eval")]
    [InlineData("malicious_builtins_eval_protocol4.pth", "builtins.eval")]
    [InlineData("malicious_builtins_exec.pth", "__builtin__.exec")]
    [InlineData("malicious_subprocess_popen.pth", "commands.Popen")]
    [InlineData("malicious_subprocess_popen_protocol4.pth", "subprocess.Popen")]
    [InlineData("malicious_subprocess_check_output.pth", "commands.check_output")]
    [InlineData("malicious_numpy_runstring.pth", "numpy.testing._private.utils.runstring")]
    [InlineData("malicious_numpy_load.pth", "numpy.load")]
    [InlineData("malicious_numpy_randomstate_object.pth", "numpy.random._pickle.__randomstate_ctor")]
    [InlineData("malicious_legacy_os_system.pth", "posix.system")]
    public void APickleNamingAGlobalOutsideTheAllowListIsRefusedByName(string file, string global)
    {
        var path = Fixtures.PathOf(Path.Combine("checkpoints", file));
        var error = Assert.Throws<FormatException>(() => PyTorchCheckpoint.LoadStateDict(path));
        Assert.Contains($"refused global '{global}'", error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void CodecsEncodeIsOnlyAcceptedAsNumpyUsesIt()
    {
        var path = Fixtures.PathOf(Path.Combine("checkpoints", "malicious_codecs_rot13.pth"));
        var error = Assert.Throws<FormatException>(() => PyTorchCheckpoint.LoadStateDict(path));
        Assert.Contains("_codecs.encode", error.Message);
        Assert.Contains("(text, 'latin1')", error.Message);
    }

    [Theory]
    [InlineData("builtins", "eval")]
    [InlineData("os", "system")]
    [InlineData("subprocess", "run")]
    [InlineData("numpy", "frombuffer")]
    [InlineData("numpy.core.multiarray", "fromstring")]
    [InlineData("numpy._core.multiarray", "_reconstruct_evil")]
    [InlineData("torch", "load")]
    public void ACraftedCallToAnyOtherGlobalIsRefusedByName(string module, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hark-call-{module}-{name}-{Environment.ProcessId}.pth");
        try
        {
            CraftedCheckpoint.WriteZip(path, CraftedCheckpoint.CallPickle(module, name));
            var error = Assert.Throws<FormatException>(() => PyTorchCheckpoint.LoadStateDict(path));
            Assert.Contains($"refused global '{module}.{name}'", error.Message);
        }
        finally { File.Delete(path); }
    }
}
