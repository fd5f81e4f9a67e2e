using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GenNet;

/// <summary>
/// The shape of a generated network as data: precision, layer sizes, activations, bias units and loss. Two networks
/// with equal architectures have parameters of the same length and meaning, so weights can move between them (weight
/// files, ONNX) safely. <see cref="Signature"/> is its canonical text form.
/// </summary>
public sealed class NetworkArchitecture : IEquatable<NetworkArchitecture>
{
    private readonly int[] _layerSizes;
    private readonly string[] _activations;

    /// <summary>Describes a network. Generated networks create theirs; user code rarely needs to.</summary>
    /// <param name="precision">float or double.</param>
    /// <param name="layerSizes">Every layer's width, input first, output last (at least two layers).</param>
    /// <param name="activations">The activation type of each non-input layer (full CLR name, e.g. <c>GenNet.Activations.Sigmoid</c>).</param>
    /// <param name="hasBias">Whether every non-input layer has a bias unit.</param>
    /// <param name="loss">The training loss.</param>
    /// <param name="batchNormalization">Whether every hidden layer is batch-normalised (adds a scale γ and a shift β per hidden neuron).</param>
    /// <param name="dropoutRate">Inverted-dropout rate of the hidden layers while training (0: none). It changes no
    /// parameter, so it is not part of <see cref="Signature"/>.</param>
    public NetworkArchitecture(NetworkPrecision precision, IEnumerable<int> layerSizes, IEnumerable<string> activations, bool hasBias, LossFunction loss, bool batchNormalization = false, double dropoutRate = 0)
    {
        _layerSizes = layerSizes?.ToArray() ?? throw new ArgumentNullException(nameof(layerSizes));
        _activations = activations?.ToArray() ?? throw new ArgumentNullException(nameof(activations));
        if (_layerSizes.Length < 2 || _layerSizes.Any(size => size <= 0))
        {
            throw new ArgumentException($"A network needs at least two layers of positive size; got [{string.Join(", ", _layerSizes)}].", nameof(layerSizes));
        }

        if (_activations.Length != _layerSizes.Length - 1)
        {
            throw new ArgumentException($"Expected {_layerSizes.Length - 1} activations (one per non-input layer); got {_activations.Length}.", nameof(activations));
        }

        Precision = precision;
        HasBias = hasBias;
        Loss = loss;
        BatchNormalization = batchNormalization;
        DropoutRate = dropoutRate;
        // A sequence network's leading activations name its recurrent layers (GenNet.RecurrentCell.Gru, …); its dense
        // layers start at the last recurrent layer and their parameters after the recurrent ones.
        Recurrent = RecurrentLayout.FromArchitecture(_layerSizes, _activations);
        int recurrentLayers = Recurrent?.Layers.Count ?? 0;
        // A temporal convolution network's leading activations name its Conv1D layers (GenNet.Conv1D/k3/d1/…), likewise.
        Convolution = Recurrent is null ? ConvolutionLayout.FromArchitecture(_layerSizes, _activations, batchNormalization) : null;
        recurrentLayers += Convolution?.Layers.Count ?? 0;
        // An image network's leading activations name its Conv2D and pooling layers (GenNet.Conv2D/1x28x28/…), likewise.
        Image = Recurrent is null && Convolution is null ? ImageLayout.FromArchitecture(_layerSizes, _activations, batchNormalization) : null;
        recurrentLayers += Image?.Layers.Count ?? 0;
        Layout = ParameterLayout.Create(_layerSizes.Skip(recurrentLayers).ToArray(), hasBias, batchNormalization, Recurrent?.ParameterCount ?? Convolution?.ParameterCount ?? Image?.ParameterCount ?? 0);
        ParameterCount = Layout.ParameterCount;
        Signature = string.Create(
            CultureInfo.InvariantCulture,
            $"{(precision == NetworkPrecision.Single ? "float" : "double")} {string.Join("-", _layerSizes)} bias={(hasBias ? "yes" : "no")} activations={string.Join(",", _activations)} loss={loss}{(batchNormalization ? " batchnorm=yes" : string.Empty)}");
    }

    /// <summary>float or double.</summary>
    public NetworkPrecision Precision { get; }

    /// <summary>Every layer's width, input first.</summary>
    public IReadOnlyList<int> LayerSizes => _layerSizes;

    /// <summary>The activation type of each non-input layer.</summary>
    public IReadOnlyList<string> Activations => _activations;

    /// <summary>Whether every non-input layer has a bias unit.</summary>
    public bool HasBias { get; }

    /// <summary>The training loss.</summary>
    public LossFunction Loss { get; }

    /// <summary>
    /// Whether every hidden layer is batch-normalised. Each synapse into a hidden layer is then followed in the
    /// parameters by that layer's scale γ and shift β (after its bias, when there is one).
    /// </summary>
    public bool BatchNormalization { get; }

    /// <summary>Inverted-dropout rate of the hidden layers while training; 0 when the network has no dropout.</summary>
    public double DropoutRate { get; }

    /// <summary>
    /// Where each synapse's weights, bias, γ and β sit in the parameters: the same layout, from the same source file,
    /// as the offsets the generator wrote into the network's code.
    /// </summary>
    public ParameterLayout Layout { get; }

    /// <summary>
    /// The recurrent layers of a sequence network (<see cref="ISequenceNetwork{T}"/>), which come first in
    /// <see cref="LayerSizes"/> (their activations are named <c>GenNet.RecurrentCell.…</c>) and in the parameters; null for
    /// a feed-forward network. <see cref="Layout"/> then describes the dense layers that follow them.
    /// </summary>
    public RecurrentLayout? Recurrent { get; }

    /// <summary>
    /// The causal Conv1D layers of a temporal convolution network (<see cref="ISequenceNetwork{T}"/>), which come first in
    /// <see cref="LayerSizes"/> (their activations are named <c>GenNet.Conv1D/…</c>) and in the parameters; null otherwise.
    /// <see cref="Layout"/> then describes the dense layers that follow them.
    /// </summary>
    public ConvolutionLayout? Convolution { get; }

    /// <summary>The Conv2D and pooling layers of an image network, whose leading activations name them
    /// (<c>GenNet.Conv2D/…</c>, <c>GenNet.MaxPool2D/…</c>); null for any other network.</summary>
    public ImageLayout? Image { get; }

    /// <summary>Number of trainable parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>Canonical text, e.g. <c>double 3-4-1 bias=no activations=GenNet.Activations.Sigmoid,GenNet.Activations.Sigmoid loss=SumSquaredError</c>.</summary>
    public string Signature { get; }

    /// <inheritdoc />
    public bool Equals(NetworkArchitecture? other) => other is not null && Signature == other.Signature;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NetworkArchitecture);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Signature);

    /// <inheritdoc />
    public override string ToString() => Signature;
}
