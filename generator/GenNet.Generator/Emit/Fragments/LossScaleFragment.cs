using GenNet.Generator.Model;

namespace GenNet.Generator.Emit;

/// <summary>
/// The loss's scale of ∂E/∂output and the error accumulator, for the emitters that sum a loss over a count of rows
/// (image networks) or time steps (recurrent and Conv1D networks) as they go.
/// </summary>
internal static class LossScaleFragment
{
    /// <param name="w">The writer.</param>
    /// <param name="t">float or double.</param>
    /// <param name="loss">The network's loss.</param>
    /// <param name="count">The local holding how many rows (or steps) the loss averages over: <c>rows</c> or <c>steps</c>.</param>
    /// <param name="unit">What one of them is called in the comment: <c>row</c> or <c>step</c>.</param>
    public static void Write(SourceWriter w, string t, LossKind loss, string count, string unit)
    {
        switch (loss)
        {
            case LossKind.SumSquaredError:
                w.Line($"// E = ½ Σ (output − target)² over every {unit}: ∂E/∂output = output − target.");
                w.Line($"{t} scale = 1;");
                break;
            case LossKind.MeanSquaredError:
                w.Line($"// E = Σ (output − target)² / ({count} · OutputCount): ∂E/∂output = 2 (output − target) / ({count} · OutputCount).");
                w.Line($"{t} scale = ({t})2 / ({t})({count} * OutputCount);");
                break;
            case LossKind.BinaryCrossEntropy:
                w.Line($"// E = mean binary cross-entropy over {count} · OutputCount; fused with the sigmoid: ∂E/∂a = (p − y) / ({count} · OutputCount).");
                w.Line($"{t} scale = ({t})1 / ({t})({count} * OutputCount);");
                break;
            default:
                w.Line($"// E = Σ −y·log p / {count}; fused with the softmax: ∂E/∂a = (p − y) / {count}.");
                w.Line($"{t} scale = ({t})1 / ({t}){count};");
                break;
        }

        w.Line($"{t} errorSum = 0;");
    }
}
