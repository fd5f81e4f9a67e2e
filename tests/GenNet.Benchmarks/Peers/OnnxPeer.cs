using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;

namespace GenNet.Benchmarks.Peers;

/// <summary>
/// ONNX Runtime inference of the same network, set up for its lowest per-call overhead: one session with one intra-op
/// thread (GenNet's Predict is single-threaded too), input and output OrtValues created once over pinned arrays, and
/// the allocation-free <c>Run(RunOptions, names, values, names, values)</c> overload.
/// </summary>
public sealed class OnnxPeer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly string[] _inputNames = { "X" };
    private readonly string[] _outputNames = { "Y" };
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;

    public OnnxPeer(IReadOnlyList<int> sizes, bool bias, ReadOnlySpan<float> parameters, float[] input, float[] output)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(OnnxModelBuilder.SigmoidPerceptron(sizes, bias, parameters), options);
        int rows = input.Length / sizes[0];
        _input = OrtValue.CreateTensorValueFromMemory(input, new long[] { rows, sizes[0] });
        _output = OrtValue.CreateTensorValueFromMemory(output, new long[] { rows, sizes[^1] });
        _inputs = new[] { _input };
        _outputs = new[] { _output };
    }

    /// <summary>Runs the input array given at construction into the output array.</summary>
    public void Run() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
