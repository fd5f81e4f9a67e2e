using System;
using System.Numerics;
using GenNet;

namespace GenNet.Tests.Infrastructure;

/// <summary>
/// An <see cref="INetwork{T}"/> of any architecture that has parameters and nothing else, for the parts of GenNet
/// that read or write only <see cref="INetwork{T}.Architecture"/> and <see cref="INetwork{T}.Parameters"/>
/// (weight files, numpy and ONNX import) on shapes no generated test network has.
/// </summary>
internal sealed class ParametersOnlyNetwork<T>(NetworkArchitecture architecture) : INetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _parameters = new T[architecture.ParameterCount];

    public int InputCount => Architecture.LayerSizes[0];

    public int OutputCount => Architecture.LayerSizes[^1];

    public int ParameterCount => _parameters.Length;

    public NetworkArchitecture Architecture { get; } = architecture;

    public Span<T> Parameters => _parameters;

    public void Predict(ReadOnlySpan<T> input, Span<T> output) => throw new NotSupportedException();

    public void PredictBatch(ReadOnlySpan<T> inputs, Span<T> outputs) => throw new NotSupportedException();

    public void InitializeWeights(int seed)
    {
        var values = new double[_parameters.Length];
        new NumpyRandom(seed).FillSymmetricUniform(values);
        for (int i = 0; i < values.Length; i++)
        {
            _parameters[i] = T.CreateTruncating(values[i]);
        }
    }
}

/// <summary>A <see cref="ParametersOnlyNetwork{T}"/> with batch-normalisation running statistics.</summary>
internal sealed class NormalizedParametersOnlyNetwork<T>(NetworkArchitecture architecture, int normalizedNeurons)
    : IBatchNormalizedNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParametersOnlyNetwork<T> _inner = new(architecture);
    private readonly T[] _mean = new T[normalizedNeurons];
    private readonly T[] _variance = new T[normalizedNeurons];

    public int InputCount => _inner.InputCount;

    public int OutputCount => _inner.OutputCount;

    public int ParameterCount => _inner.ParameterCount;

    public NetworkArchitecture Architecture => _inner.Architecture;

    public Span<T> Parameters => _inner.Parameters;

    public Span<T> RunningMean => _mean;

    public Span<T> RunningVariance => _variance;

    public void Predict(ReadOnlySpan<T> input, Span<T> output) => throw new NotSupportedException();

    public void PredictBatch(ReadOnlySpan<T> inputs, Span<T> outputs) => throw new NotSupportedException();

    public void InitializeWeights(int seed)
    {
        _inner.InitializeWeights(seed);
        for (int i = 0; i < _mean.Length; i++)
        {
            _mean[i] = T.CreateTruncating(seed + (i * 0.5));
            _variance[i] = T.CreateTruncating(1 + seed + (i * 0.25));
        }
    }
}
