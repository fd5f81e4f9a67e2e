using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class NetworkEmitter
{
    private static void WritePrediction(SourceWriter w, NetworkPlan plan, KernelBodies bodies)
    {
        string t = plan.T;
        w.Line("/// <summary>Runs one row forward through the network.</summary>");
        w.Line("/// <param name=\"input\">Exactly <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"output\">Receives exactly <see cref=\"OutputCount\"/> values.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        w.Line("/// <remarks>Allocates nothing and only reads the weights, so any number of threads may predict at once.</remarks>");
        using (w.Block($"public void Predict(global::System.ReadOnlySpan<{t}> input, global::System.Span<{t}> output)"))
        {
            w.Line("global::GenNet.CompilerServices.Guard.Length(input, InputCount);");
            w.Line($"global::GenNet.CompilerServices.Guard.Length<{t}>(output, OutputCount);");
            w.Line(bodies.ForwardRowCall);
        }

        w.Line();
        w.Line("/// <summary>Runs rows forward. Both spans are row-major.</summary>");
        w.Line("/// <param name=\"inputs\">Whole rows of <see cref=\"InputCount\"/> values.</param>");
        w.Line("/// <param name=\"outputs\">Receives one row of <see cref=\"OutputCount\"/> values per input row.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The spans do not hold the same number of whole rows.</exception>");
        w.Line("/// <remarks>Each row's outputs are the ones <see cref=\"Predict\"/> gives for it, bit for bit, whatever the batch.</remarks>");
        using (w.Block($"public void PredictBatch(global::System.ReadOnlySpan<{t}> inputs, global::System.Span<{t}> outputs)"))
        {
            w.Line($"int rows = global::GenNet.CompilerServices.Guard.Rows<{t}>(inputs, InputCount, outputs, OutputCount);");
            w.Line(bodies.ForwardRowsCall);
        }

        w.Line();
    }
}
