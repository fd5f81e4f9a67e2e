using System.Collections.Generic;

namespace GenNet.Onnx.Import;

/// <summary>
/// Reads one Conv, MaxPool or AveragePool node as GenNet computes it: 2-D windows, explicit symmetric padding (Conv
/// only), no dilation, any group count (checked against the network by the caller), floor output size, and nothing else. Every attribute that would change the result is
/// checked here; the shapes are checked against the network by the caller before any value is decoded.
/// </summary>
internal static class ImageLayers
{
    public static ImageLayer Read(OnnxNode node, string current, OnnxGraph graph, string source)
    {
        bool conv = node.OperatorType == "Conv";
        Require(conv ? node.Inputs.Length is 2 or 3 && node.Inputs[0] == current : node.Inputs.Length == 1, node, source,
            conv ? "Conv must take the previous output, W and optionally B" : "a pooling node must take the previous output alone");
        string? autoPad = node.Attributes.TryGetValue("auto_pad", out OnnxAttribute? pad) ? pad.Text ?? "(not a string)" : null;
        Require(autoPad is null or "NOTSET", node, source, $"auto_pad must be NOTSET (explicit pads), not {autoPad}");
        long[] dilations = Ints(node, "dilations") ?? [1, 1];
        Require(dilations is [1, 1], node, source, $"dilations must be [1, 1], not [{string.Join(", ", dilations)}]");
        long group = DenseChain.Integer(node, "group", 1);
        Require(group is > 0 and <= NetworkAttribute.MaxLayerSize && (conv || group == 1), node, source, $"group must be a positive number (1 for pooling), not {group}");
        Require(DenseChain.Integer(node, "ceil_mode", 0) == 0, node, source, "ceil_mode must be 0 (GenNet drops a partial last window)");
        Require(DenseChain.Integer(node, "storage_order", 0) == 0, node, source, "storage_order must be 0");

        long[] pads = Ints(node, "pads") ?? [0, 0, 0, 0];
        Require(pads is [var top, var left, var bottom, var right] && top == bottom && left == right && top >= 0 && left >= 0, node, source,
            $"pads must be [top, left, bottom, right] with top = bottom and left = right, none negative; they are [{string.Join(", ", pads)}]");
        Require(conv || pads is [0, 0, 0, 0], node, source, "GenNet pools unpadded windows: pads must be 0");
        long[] strides = Ints(node, "strides") ?? [1, 1];
        Require(strides is [> 0, > 0], node, source, $"strides must be two positive numbers, not [{string.Join(", ", strides)}]");
        long[]? kernel = Ints(node, "kernel_shape");

        OnnxTensor? w = null, b = null;
        if (conv)
        {
            w = DenseChain.Constant(graph, node.Inputs[1], node, source);
            Require(w.Dims.Length == 4, node, source, $"W must have shape [out channels, in channels, KH, KW]; it is {w.ShapeText}");
            kernel ??= [w.Dims[2], w.Dims[3]];
            Require(kernel is [var kh, var kw] && kh == w.Dims[2] && kw == w.Dims[3], node, source,
                $"kernel_shape [{string.Join(", ", kernel)}] must be W's last two dimensions ({w.ShapeText})");
            if (node.Inputs.Length == 3 && node.Inputs[2].Length > 0)
            {
                b = DenseChain.Constant(graph, node.Inputs[2], node, source);
                Require(b.Dims is [var o] && o == w.Dims[0], node, source, $"B must have shape [{w.Dims[0]}]; it is {b.ShapeText}");
            }
        }

        Require(kernel is [> 0, > 0], node, source, $"kernel_shape must be two positive numbers{(kernel is null ? "; it is missing" : "")}");
        return new ImageLayer(node.OperatorType, node.Description, kernel![0], kernel[1], strides[0], strides[1], pads[0], pads[1], group, w, b);
    }

    // Null when absent; empty (refused by every rule) when present but not a list of integers.
    private static long[]? Ints(OnnxNode node, string name) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) ? attribute.Ints ?? [] : null;

    private static void Require(bool condition, OnnxNode node, string source, string rule) => DenseChain.Require(condition, node, source, rule);
}
