namespace GenNet.Onnx.Import;

/// <summary>
/// Reads one 1-D Conv node as GenNet's causal Conv1D: explicit padding of (K − 1)·d before the sequence and none after,
/// any stride (GenNet holds a strided layer's outputs: the hold nodes follow), any dilation and group count (checked against the network by the caller). Every attribute that would change the result is checked here; the shapes are
/// checked against the network by the caller before any value is decoded.
/// </summary>
internal static class TemporalLayers
{
    public static TemporalLayer Read(OnnxNode node, string current, OnnxTensor w, OnnxGraph graph, string source)
    {
        Require(node.Inputs.Length is 2 or 3 && node.Inputs[0] == current, node, source, "Conv must take the previous output, W and optionally B");
        string? autoPad = node.Attributes.TryGetValue("auto_pad", out OnnxAttribute? pad) ? pad.Text ?? "(not a string)" : null;
        Require(autoPad is null or "NOTSET", node, source, $"auto_pad must be NOTSET (explicit pads), not {autoPad}");
        long group = DenseChain.Integer(node, "group", 1);
        Require(group is > 0 and <= NetworkAttribute.MaxLayerSize, node, source, $"group must be a positive number, not {group}");
        long kernel = w.Dims[2];
        long[] kernelShape = Ints(node, "kernel_shape") ?? [kernel];
        Require(kernelShape is [var k] && k == kernel, node, source, $"kernel_shape [{string.Join(", ", kernelShape)}] must be W's last dimension ({w.ShapeText})");
        long[] strides = Ints(node, "strides") ?? [1];
        Require(strides is [> 0 and <= NetworkAttribute.MaxLayerSize], node, source, $"strides must be one positive number (a stride above 1 is held after the Conv), not [{string.Join(", ", strides)}]");
        long[] dilations = Ints(node, "dilations") ?? [1];
        Require(dilations is [> 0 and <= NetworkAttribute.MaxLayerSize], node, source, $"dilations must be one positive number, not [{string.Join(", ", dilations)}]");
        long dilation = dilations[0], causal = (kernel - 1) * dilation;
        long[] pads = Ints(node, "pads") ?? [0, 0];
        Require(pads is [var before, 0] && before == causal, node, source,
            $"pads must be [{causal}, 0] (causal: (K − 1)·d zeros before the sequence, none after); they are [{string.Join(", ", pads)}]");
        OnnxTensor? b = null;
        if (node.Inputs.Length == 3 && node.Inputs[2].Length > 0)
        {
            b = DenseChain.Constant(graph, node.Inputs[2], node, source);
            Require(b.Dims is [var o] && o == w.Dims[0], node, source, $"B must have shape [{w.Dims[0]}]; it is {b.ShapeText}");
        }

        return new TemporalLayer(node.Description, kernel, dilation, group, w, b, strides[0]);
    }

    // Null when absent; empty (refused by every rule) when present but not a list of integers.
    private static long[]? Ints(OnnxNode node, string name) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) ? attribute.Ints ?? [] : null;

    private static void Require(bool condition, OnnxNode node, string source, string rule) => DenseChain.Require(condition, node, source, rule);
}
