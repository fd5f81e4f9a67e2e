using System.Linq;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class NetworkEmitter
{
    private static void WriteConstants(SourceWriter w, NetworkPlan plan)
    {
        w.Line("/// <summary>Values per input row: the width of layer_0.</summary>");
        w.Line($"public const int InputCount = {plan.Layers[0]};");
        w.Line();
        if (plan.Layers.Length == 3)
        {
            w.Line("/// <summary>Neurons in the hidden layer, layer_1.</summary>");
            w.Line($"public const int HiddenCount = {plan.Layers[1]};");
            w.Line();
        }
        else
        {
            for (int l = 1; l < plan.Last; l++)
            {
                w.Line($"/// <summary>Neurons in hidden layer {l}, layer_{l}.</summary>");
                w.Line($"public const int Hidden{l}Count = {plan.Layers[l]};");
                w.Line();
            }
        }

        w.Line($"/// <summary>Values per output row: the width of layer_{plan.Last}.</summary>");
        w.Line($"public const int OutputCount = {plan.Layers[plan.Last]};");
        w.Line();
        string parts = string.Join(" + ", plan.Synapses.Select(s => $"synapse_{s.Index} ({s.Rows}×{s.Columns}" + (s.HasBias ? $" + {s.Columns} bias" : string.Empty) + (s.Normalized ? $" + {s.Columns} γ + {s.Columns} β" : string.Empty) + ")"));
        w.Line($"/// <summary>Trainable parameters: {parts}.</summary>");
        w.Line($"public const int ParameterCount = {plan.ParameterCount};");
        w.Line();
    }
}
