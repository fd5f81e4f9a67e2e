namespace GenNet.Onnx.Import;

/// <summary>
/// The nodes GenNet's export writes after a strided or pooled Conv1D layer so that each of its outputs is held for
/// <c>repeat</c> samples (pooled: also delayed by <c>repeat</c> − 1): Unsqueeze (axis 3), Expand to [1, 1, 1, repeat],
/// Reshape to [0, 0, −1], Pad of the delay before the time axis (pooled only), then a Slice on axis 2 to the sequence's
/// length, which a Shape of the stack's input and a Slice of it ([2, 3)) read beside the chain. Read node by node in that
/// order; anything else is refused.
/// </summary>
internal sealed class TemporalHold(long repeat, long delay, string sequenceInput)
{
    private const int Unsqueezing = 0, Expanding = 1, Reshaping = 2, Padding = 3, Cutting = 4, Finished = 5;

    private int _next = Unsqueezing;
    private string? _shape, _steps;

    /// <summary>Whether the chain has reached the first hold node (an activation may come before it, not after).</summary>
    public bool Started => _next != Unsqueezing;

    /// <summary>Whether the chain has reached the held outputs.</summary>
    public bool Done => _next == Finished;

    /// <summary>
    /// The two nodes beside the chain: the Shape of the stack's input and the Slice of it that gives the sequence's length.
    /// False for any other node.
    /// </summary>
    public bool TakeSide(OnnxNode node, OnnxGraph graph, string source)
    {
        if (node.OperatorType == "Shape" && _shape is null && node.Inputs is [var input] && input == sequenceInput)
        {
            DenseChain.Require(!node.Attributes.ContainsKey("start") && !node.Attributes.ContainsKey("end") && node.Outputs.Length == 1, node, source,
                "the hold's Shape must read the whole shape of the Conv1D stack's input");
            _shape = node.Outputs[0];
            return true;
        }

        if (node.OperatorType == "Slice" && _shape is not null && _steps is null && node.Inputs.Length >= 3 && node.Inputs[0] == _shape)
        {
            DenseChain.Require(Constant(graph, node, 1) is [2] && Constant(graph, node, 2) is [3] && (node.Inputs.Length == 3 || Constant(graph, node, 3) is [0])
                && node.Inputs.Length <= 4 && node.Outputs.Length == 1, node, source, "the hold's length must be the stack input's time axis: Slice [2, 3) of its shape");
            _steps = node.Outputs[0];
            return true;
        }

        return false;
    }

    /// <summary>The next node of the hold on the chain, checked.</summary>
    public void Take(OnnxNode node, string current, OnnxGraph graph, string source)
    {
        DenseChain.Require(node.Inputs.Length >= 2 && node.Inputs[0] == current, node, source, "a hold node must take the previous output");
        switch (_next)
        {
            case Unsqueezing:
                DenseChain.Require(node.OperatorType == "Unsqueeze" && node.Inputs.Length == 2 && Constant(graph, node, 1) is [3], node, source,
                    "a strided or pooled Conv1D layer's outputs must be held: Unsqueeze on axis 3 first");
                _next = Expanding;
                break;
            case Expanding:
                DenseChain.Require(node.OperatorType == "Expand" && node.Inputs.Length == 2 && Constant(graph, node, 1) is [1, 1, 1, var r] && r == repeat, node, source,
                    $"the hold must Expand to [1, 1, 1, {repeat}]: each output repeated for the layer's stride or pool size");
                _next = Reshaping;
                break;
            case Reshaping:
                DenseChain.Require(node.OperatorType == "Reshape" && node.Inputs.Length == 2 && Constant(graph, node, 1) is [0, 0, -1]
                    && DenseChain.Integer(node, "allowzero", 0) == 0, node, source, "the hold must Reshape to [0, 0, -1]");
                _next = delay > 0 ? Padding : Cutting;
                break;
            case Padding:
                DenseChain.Require(node.OperatorType == "Pad" && node.Inputs.Length == 2 && Constant(graph, node, 1) is [0, 0, var before, 0, 0, 0] && before == delay
                    && !node.Attributes.ContainsKey("mode"), node, source, $"a pooled layer's held outputs must be delayed by {delay} zeros: Pad [0, 0, {delay}, 0, 0, 0]");
                _next = Cutting;
                break;
            default:
                DenseChain.Require(node.OperatorType == "Slice" && _steps is not null && node.Inputs.Length is 4 or 5 && Constant(graph, node, 1) is [0]
                    && node.Inputs[2] == _steps && Constant(graph, node, 3) is [2] && (node.Inputs.Length == 4 || Constant(graph, node, 4) is [1]), node, source,
                    "the held outputs must be cut to the sequence's length: Slice [0, steps) on axis 2");
                _next = Finished;
                break;
        }
    }

    // A small int64 constant input; null when it is not one.
    private static long[]? Constant(OnnxGraph graph, OnnxNode node, int input) =>
        input < node.Inputs.Length && graph.Initializers.TryGetValue(node.Inputs[input], out OnnxTensor? tensor) ? tensor.Axes : null;
}
