using System.Collections.Generic;
using GenNet.Generator.Planning;

namespace GenNet.Generator.Emit;

internal static partial class ConvolutionNetworkEmitter
{
    // CreateStreams and the nested Streams class (StreamsEmitter): the Conv1D layers here, the math of StepUnchecked and
    // Convolution{l} above on a group's blocks of rows of s streams instead of single values.
    private static void WriteStreams(SourceWriter w, ConvolutionPlan plan, string version)
    {
        var blocks = new List<(string, int)> { ("convolved", plan.ChannelSum) };
        if (plan.DenseHidden > 0)
        {
            blocks.Add(("hidden", plan.DenseHidden));
        }

        string comment = "// One group's blocks, reused by every group: the inputs, every Conv1D layer's outputs"
            + (plan.DenseHidden > 0 ? ", the dense hidden layers" : string.Empty) + " and the outputs.";
        var shape = new StreamsEmitter.Shape(
            Identifier(plan.Spec.TypeName), plan.T, blocks, comment, writer => WriteStreamsLayers(writer, plan),
            plan.Dense, plan.LastDense, plan.Activation, plan.SoftmaxOutput, "conv" + plan.Top.Index) { StepPerStream = plan.HoldsOutputs || plan.HasBatchNorm };
        StreamsEmitter.Write(w, shape, version);
    }

    private static void WriteStreamsLayers(SourceWriter w, ConvolutionPlan plan)
    {
        string t = plan.T, f = plan.ConvolutionActivation, k = StreamsEmitter.Kernels;
        string x = "x";
        int offset = 0;
        foreach (ConvolutionLayerLayout l in plan.Layout.Layers)
        {
            string history = "history" + l.Index, y = "conv" + l.Index;
            w.Line();
            w.Line($"// conv_{l.Index}, Conv1D {l.Inputs} → {l.Channels}, K = {l.KernelSize}, d = {l.Dilation} (the math of Convolution{l.Index}), every stream at once:");
            w.Line($"// the history moves up one sample, the new one goes last, then y = {Short(f)}(b + Σₖ window[k·d]·W_k).");
            w.Line($"{Span}<{t}> {history} = {Rows("state", l.StateOffset, l.StateCount)};");
            if (l.History > 1)
            {
                w.Line($"{history}.Slice({l.Inputs} * s).CopyTo({history});");
            }

            w.Line($"{x}.CopyTo({history}.Slice({(l.History - 1) * l.Inputs} * s));");
            w.Line($"{Span}<{t}> {y} = {Rows("convolved", offset, l.Channels)};");
            if (l.Dilation == 1 && l.Groups == 1)
            {
                w.Line($"// d = 1: the taps are consecutive samples, so the window is the whole history and one product ({l.KernelSize * l.Inputs} × {l.Channels}).");
                w.Line($"{k}.Affine(p.Slice({l.BiasOffset}, {l.Channels}), p.Slice({l.WeightOffset}, {l.KernelSize * l.Inputs * l.Channels}), {history}, {y}, s);");
            }
            else
            {
                for (int tap = 0; tap < l.KernelSize; tap++)
                {
                    for (int g = 0; g < l.Groups; g++)
                    {
                        // Group g's block of the tap: its I/G input rows into its O/G output rows.
                        string weights = $"p.Slice({GroupWeights(l, tap, g)}, {l.GroupInputs * l.GroupChannels})";
                        string window = Rows(history, (tap * l.Dilation * l.Inputs) + (g * l.GroupInputs), l.GroupInputs);
                        string rows = l.Groups == 1 ? y : Rows(y, g * l.GroupChannels, l.GroupChannels);
                        string delay = $"   // tap {tap}: x[t − {(l.KernelSize - 1 - tap) * l.Dilation}]{(l.Groups > 1 ? $", group {g}" : string.Empty)}";
                        w.Line(tap == 0
                            ? $"{k}.Affine(p.Slice({l.BiasOffset + (g * l.GroupChannels)}, {l.GroupChannels}), {weights}, {window}, {rows}, s);{delay}"
                            : $"{k}.MultiplyAdd({weights}, {window}, {rows}, s);{delay}");
                    }
                }
            }

            if (!IsLinear(f))
            {
                w.Line($"{Lanes}<{f}, {t}>({y});");
            }

            x = y;
            offset += l.Channels;
        }
    }

    private static string Rows(string block, int first, int count) => StreamsEmitter.Rows(block, first, count);
}
