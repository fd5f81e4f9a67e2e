using System;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

/// <summary>Scratch memory for generated methods: on the stack when small, rented from the shared pool when not.</summary>
internal static class Scratch
{
    /// <summary>Runs <paramref name="body"/> with a span <c>scratch</c> of a constant number of elements (none: no span).</summary>
    public static void WithConstant(SourceWriter w, NetworkPlan plan, int elements, Action body)
    {
        string t = plan.T;
        if (elements == 0)
        {
            body();
        }
        else if (plan.FitsOnStack(elements))
        {
            w.Line($"global::System.Span<{t}> scratch = stackalloc {t}[{elements}];");
            body();
        }
        else
        {
            w.Line($"// {elements * plan.ElementSize} bytes of scratch is over the {NetworkPlan.StackLimitBytes}-byte stack limit: rent it.");
            w.Line($"{t}[] rented = global::System.Buffers.ArrayPool<{t}>.Shared.Rent({elements});");
            using (w.Block("try"))
            {
                w.Line($"global::System.Span<{t}> scratch = global::System.MemoryExtensions.AsSpan(rented, 0, {elements});");
                body();
            }

            using (w.Block("finally"))
            {
                w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> with a span <c>scratch</c> whose length is known at run time: on the stack up to the
    /// byte limit, else rented from the shared pool (allocation-free once warm).
    /// </summary>
    public static void WithLength(SourceWriter w, NetworkPlan plan, string length, Action body)
    {
        string t = plan.T;
        int stackElements = NetworkPlan.StackLimitBytes / plan.ElementSize;
        w.Line($"int scratchLength = {length};");
        w.Line($"{t}[]? rented = scratchLength > {stackElements} ? global::System.Buffers.ArrayPool<{t}>.Shared.Rent(scratchLength) : null;");
        using (w.Block("try"))
        {
            w.Line($"global::System.Span<{t}> scratch = rented is null ? stackalloc {t}[scratchLength] : global::System.MemoryExtensions.AsSpan(rented, 0, scratchLength);");
            body();
        }

        using (w.Block("finally"))
        {
            using (w.Block("if (rented is not null)"))
            {
                w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
            }
        }
    }
}
