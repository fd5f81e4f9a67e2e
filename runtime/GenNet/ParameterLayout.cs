// One source, two assemblies: the runtime compiles this file as GenNet.ParameterLayout (public), and the
// generator links it (GENNET_GENERATOR) as an internal type of its Planning step, so that the offsets the generated
// code hard-codes and the offsets the runtime walks (initialisation, weight files, .npy, ONNX) cannot disagree.
using System;
using System.Collections.Generic;

#if GENNET_GENERATOR
namespace GenNet.Generator.Planning;
#else
namespace GenNet;
#endif

/// <summary>
/// Where each synapse's values sit in a network's parameter array: synapse after synapse, each its Rows × Columns
/// weights row-major (numpy's layout), then its Columns bias values when the network has bias units, then, for a
/// batch-normalised layer, its Columns scales γ and Columns shifts β.
/// </summary>
#if GENNET_GENERATOR
internal
#else
public
#endif
sealed class ParameterLayout
{
    private readonly SynapseLayout[] _synapses;

    private ParameterLayout(SynapseLayout[] synapses, int parameterCount)
    {
        _synapses = synapses;
        ParameterCount = parameterCount;
    }

    /// <summary>Every synapse's place, input side first.</summary>
    public IReadOnlyList<SynapseLayout> Synapses => _synapses;

    /// <summary>The length of the parameter array.</summary>
    public int ParameterCount { get; }

    /// <summary>The layout of a network with these layer widths (input first), bias units and batch normalisation of
    /// every hidden layer.</summary>
    /// <exception cref="ArgumentException">Fewer than two layers, or a width that is not positive.</exception>
    /// <exception cref="OverflowException">More than <see cref="int.MaxValue"/> parameters.</exception>
    public static ParameterLayout Create(IReadOnlyList<int> layerSizes, bool hasBias, bool batchNormalization)
        => Create(layerSizes, hasBias, batchNormalization, start: 0);

    /// <summary>The same layout placed from <paramref name="start"/> on: the dense layers of a sequence network
    /// follow its recurrent layers.</summary>
    public static ParameterLayout Create(IReadOnlyList<int> layerSizes, bool hasBias, bool batchNormalization, int start)
    {
        if (layerSizes is null)
        {
            throw new ArgumentNullException(nameof(layerSizes));
        }

        if (layerSizes.Count < 2)
        {
            throw new ArgumentException($"A network needs at least two layers; got {layerSizes.Count}.", nameof(layerSizes));
        }

        var synapses = new SynapseLayout[layerSizes.Count - 1];
        int offset = start;
        for (int s = 0; s < synapses.Length; s++)
        {
            int rows = layerSizes[s], columns = layerSizes[s + 1];
            if (rows <= 0 || columns <= 0)
            {
                throw new ArgumentException($"Layer widths must be positive; layer {(rows <= 0 ? s : s + 1)} has {(rows <= 0 ? rows : columns)}.", nameof(layerSizes));
            }

            bool normalized = batchNormalization && s + 1 < synapses.Length;
            int weights = checked(rows * columns);
            int biasOffset = checked(offset + weights);
            int gammaOffset = checked(biasOffset + (hasBias ? columns : 0));
            int end = checked(gammaOffset + (normalized ? 2 * columns : 0));
            synapses[s] = new SynapseLayout(
                s,
                rows,
                columns,
                offset,
                hasBias ? biasOffset : -1,
                normalized ? gammaOffset : -1,
                normalized ? gammaOffset + columns : -1,
                end - offset);
            offset = end;
        }

        return new ParameterLayout(synapses, offset);
    }
}

/// <summary>One synapse's values in the parameter array.</summary>
/// <param name="Index">s of synapse_s, from layer_s to layer_s+1.</param>
/// <param name="Rows">The width of layer_s.</param>
/// <param name="Columns">The width of layer_s+1.</param>
/// <param name="WeightOffset">Where the Rows × Columns weights start, row-major: weight [i, j] is at WeightOffset + i·Columns + j.</param>
/// <param name="BiasOffset">Where the Columns bias values start; −1 without bias units.</param>
/// <param name="GammaOffset">Where the Columns scales γ of layer_s+1's batch normalisation start; −1 when it is not normalised.</param>
/// <param name="BetaOffset">Where the Columns shifts β start; −1 when it is not normalised.</param>
/// <param name="Count">All of the synapse's values: weights, bias, γ and β.</param>
#if GENNET_GENERATOR
internal
#else
public
#endif
readonly record struct SynapseLayout(int Index, int Rows, int Columns, int WeightOffset, int BiasOffset, int GammaOffset, int BetaOffset, int Count)
{
    /// <summary>Rows × Columns.</summary>
    public int WeightCount => Rows * Columns;

    /// <summary>Whether the synapse has bias values.</summary>
    public bool HasBias => BiasOffset >= 0;

    /// <summary>Whether the layer it feeds is batch-normalised (γ and β follow).</summary>
    public bool Normalized => GammaOffset >= 0;
}
