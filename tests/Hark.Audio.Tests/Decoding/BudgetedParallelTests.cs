using System.Diagnostics;

namespace Hark.Audio.Tests.Decoding;

public class BudgetedParallelTests
{
    [Fact]
    public void ACallThatNeverEndsByItselfIsCancelledAtItsBudgetAndTheRestRun()
    {
        var ran = new bool[20];
        using var cancelledCall = new ManualResetEventSlim();
        var over = BudgetedParallel.For(ran.Length, 2, TimeSpan.FromSeconds(2), (i, cancellation) =>
        {
            if (i == 3)
            {
                // Stuck until the loop gives up on it: only the budget's cancellation ends this call.
                cancellation.WaitHandle.WaitOne();
                cancelledCall.Set();
                return;
            }
            ran[i] = true;
        });
        Assert.Equal([3], over);
        Assert.True(cancelledCall.Wait(TimeSpan.FromSeconds(30)), "the abandoned call's token was never cancelled");
        Assert.Equal(Enumerable.Range(0, 20).Where(i => i != 3), Enumerable.Range(0, 20).Where(i => ran[i]));
    }

    [Fact]
    public void AnExceptionFromACallPropagatesAndAStopRequestEndsTheLoop()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BudgetedParallel.For(10, 2, null, (i, _) => { if (i == 4) throw new InvalidOperationException("four"); }));
        Assert.Equal("four", error.Message);
        int calls = 0;
        BudgetedParallel.For(1000, 1, TimeSpan.FromSeconds(30), (_, _) => Interlocked.Increment(ref calls), () => Volatile.Read(ref calls) >= 10);
        Assert.Equal(10, calls);
    }
}
