using System;

namespace GenNet.Generator.Emit;

/// <summary>The network's training lock (<c>GenNet.CompilerServices.TrainingLock</c>) around a block of a public member.</summary>
internal static class TrainingLockFragment
{
    /// <summary>
    /// Wraps <paramref name="body"/> in the lock when <paramref name="locked"/>: the gradient buffer and weights are
    /// shared, so training calls must not overlap.
    /// </summary>
    public static void With(SourceWriter w, bool locked, Action body)
    {
        if (!locked)
        {
            body();
            return;
        }

        w.Line("global::GenNet.CompilerServices.TrainingLock.Enter(this);");
        using (w.Block("try"))
        {
            body();
        }

        using (w.Block("finally"))
        {
            w.Line("global::GenNet.CompilerServices.TrainingLock.Exit(this);");
        }
    }
}
