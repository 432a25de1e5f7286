using System.Reflection;

namespace Hark.Cuda;

/// <summary>
/// The kernels one accelerator has compiled, by method: compiling one takes a few hundred milliseconds, so each is
/// compiled on its first call and reused for the life of the backend.
/// </summary>
internal sealed class KernelCache(Accelerator accelerator)
{
    private readonly Dictionary<MethodInfo, Delegate> loaded = [];

    private TDelegate Get<TDelegate>(TDelegate kernel, Func<TDelegate, TDelegate> load) where TDelegate : Delegate
    {
        lock (loaded)
        {
            if (!loaded.TryGetValue(kernel.Method, out var compiled)) loaded[kernel.Method] = compiled = load(kernel);
            return (TDelegate)compiled;
        }
    }

    public Action<Index1D, T1, T2> Load<T1, T2>(Action<Index1D, T1, T2> kernel)
        where T1 : struct where T2 : struct =>
        Get(kernel, accelerator.LoadAutoGroupedStreamKernel);

    public Action<Index1D, T1, T2, T3> Load<T1, T2, T3>(Action<Index1D, T1, T2, T3> kernel)
        where T1 : struct where T2 : struct where T3 : struct =>
        Get(kernel, accelerator.LoadAutoGroupedStreamKernel);

    public Action<Index1D, T1, T2, T3, T4> Load<T1, T2, T3, T4>(Action<Index1D, T1, T2, T3, T4> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct =>
        Get(kernel, accelerator.LoadAutoGroupedStreamKernel);

    public Action<Index1D, T1, T2, T3, T4, T5> Load<T1, T2, T3, T4, T5>(Action<Index1D, T1, T2, T3, T4, T5> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct =>
        Get(kernel, accelerator.LoadAutoGroupedStreamKernel);

    public Action<Index1D, T1, T2, T3, T4, T5, T6> Load<T1, T2, T3, T4, T5, T6>(Action<Index1D, T1, T2, T3, T4, T5, T6> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct =>
        Get(kernel, accelerator.LoadAutoGroupedStreamKernel);

    public Action<Index1D, T1, T2, T3, T4, T5, T6, T7> Load<T1, T2, T3, T4, T5, T6, T7>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct =>
        Get(kernel, accelerator.LoadAutoGroupedStreamKernel);

    public Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8> Load<T1, T2, T3, T4, T5, T6, T7, T8>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct =>
        Get(kernel, accelerator.LoadAutoGroupedStreamKernel);

    public Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9> Load<T1, T2, T3, T4, T5, T6, T7, T8, T9>(
        Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct
        where T9 : struct =>
        Get(kernel, accelerator.LoadAutoGroupedStreamKernel);

    public Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> Load<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(
        Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct
        where T9 : struct where T10 : struct =>
        Get(kernel, accelerator.LoadAutoGroupedStreamKernel);
}
