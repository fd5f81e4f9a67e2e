using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Text;
using GenNet;

namespace GenNet.Persistence;

/// <summary>
/// The header of a weight file, format version 1: encodes an architecture and decodes it back, checking every
/// field. The layout is documented in <c>WeightFileFormat.md</c> beside this file.
/// </summary>
internal static class WeightFileHeader
{
    /// <summary>"\x89GNW\r\n\x1A\n": a non-ASCII first byte and CR LF / LF / EOF bytes (as in PNG) expose text-mode copies.</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'G', (byte)'N', (byte)'W', 0x0D, 0x0A, 0x1A, 0x0A];

    public const ushort Version = 1;

    /// <summary>Magic, version and header length: enough to know how many header bytes follow.</summary>
    public const int PrefixLength = 12;

    private const int FixedLength = PrefixLength + 4 + 4; // element size, flags, loss, reserved; layer count
    private const byte BiasFlag = 1;
    private const byte BatchNormalizationFlag = 2;
    private const int MaxLayers = 4096;

    /// <summary>Encodes <paramref name="architecture"/> as a complete header, ending with its CRC-32.</summary>
    public static byte[] Encode(NetworkArchitecture architecture)
    {
        int layers = architecture.LayerSizes.Count;
        int length = FixedLength + 4 * layers + 4 + 4;
        var names = new byte[architecture.Activations.Count][];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = Encoding.UTF8.GetBytes(architecture.Activations[i]);
            length += 2 + names[i].Length;
        }

        if (length > ushort.MaxValue)
        {
            throw new NotSupportedException($"The architecture '{architecture.Signature}' needs a {length}-byte header; the format allows {ushort.MaxValue}.");
        }

        var header = new byte[length];
        Span<byte> span = header;
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], (ushort)length);
        span[12] = ElementSize(architecture.Precision);
        span[13] = (byte)((architecture.HasBias ? BiasFlag : 0) | (architecture.BatchNormalization ? BatchNormalizationFlag : 0));
        span[14] = (byte)architecture.Loss;
        span[15] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)layers);
        int offset = FixedLength;
        foreach (int size in architecture.LayerSizes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], (uint)size);
            offset += 4;
        }

        foreach (byte[] name in names)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)name.Length);
            name.CopyTo(span[(offset + 2)..]);
            offset += 2 + name.Length;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], (uint)architecture.ParameterCount);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 4)..], Crc32.HashToUInt32(span[..(offset + 4)]));
        return header;
    }

    /// <summary>
    /// Checks the 12-byte prefix and returns the full header length it announces.
    /// </summary>
    public static int ReadLength(ReadOnlySpan<byte> prefix, string source)
    {
        if (!prefix[..Magic.Length].SequenceEqual(Magic))
        {
            throw new WeightFileException(WeightFileError.NotAWeightFile, $"{source} is not a GenNet weight file: it does not start with the weight-file signature.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
        if (version != Version)
        {
            throw version > Version
                ? new WeightFileException(WeightFileError.UnsupportedVersion, $"{source} has weight-file format version {version}; this GenNet reads version {Version}. Update GenNet to read it.")
                : Corrupted(source, $"format version {version} does not exist");
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(prefix[10..]);
        if (length < FixedLength + 4 * 2 + 2 * 1 + 8)
        {
            throw Corrupted(source, $"the header length {length} is too small for any network");
        }

        return length;
    }

    /// <summary>Checks the header's CRC-32 and decodes the architecture it describes.</summary>
    public static NetworkArchitecture Decode(ReadOnlySpan<byte> header, string source)
    {
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(header[^4..]);
        if (Crc32.HashToUInt32(header[..^4]) != stored)
        {
            throw Corrupted(source, "the header's checksum does not match");
        }

        // With the checksum right, a bad value below means a writer bug or a deliberate edit; refuse it all the same.
        NetworkPrecision precision = header[12] switch
        {
            4 => NetworkPrecision.Single,
            8 => NetworkPrecision.Double,
            _ => throw Corrupted(source, $"element size {header[12]} is neither 4 (float) nor 8 (double)"),
        };

        if ((header[13] & ~(BiasFlag | BatchNormalizationFlag)) != 0 || header[15] != 0)
        {
            throw Corrupted(source, "reserved header bits are set");
        }

        bool hasBias = (header[13] & BiasFlag) != 0;
        bool batchNormalization = (header[13] & BatchNormalizationFlag) != 0;
        var loss = (LossFunction)header[14];
        if (!Enum.IsDefined(loss))
        {
            throw Corrupted(source, $"loss code {header[14]} is unknown to this GenNet");
        }

        uint layers = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        if (layers < 2 || layers > MaxLayers || FixedLength + 4 * (long)layers + 8 > header.Length)
        {
            throw Corrupted(source, $"the layer count {layers} does not fit the header");
        }

        var sizes = new int[layers];
        int offset = FixedLength;
        for (int i = 0; i < sizes.Length; i++, offset += 4)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[offset..]);
            if (size == 0 || size > NetworkAttribute.MaxLayerSize)
            {
                throw Corrupted(source, $"layer {i} has size {size}");
            }

            sizes[i] = (int)size;
        }

        var activations = new List<string>();
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            if (offset + 2 > header.Length - 8)
            {
                throw Corrupted(source, "the activation names run past the header");
            }

            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[offset..]);
            offset += 2;
            if (nameLength == 0 || offset + nameLength > header.Length - 8)
            {
                throw Corrupted(source, "the activation names run past the header");
            }

            activations.Add(Encoding.UTF8.GetString(header.Slice(offset, nameLength)));
            offset += nameLength;
        }

        if (offset != header.Length - 8)
        {
            throw Corrupted(source, "the header has bytes that no field describes");
        }

        NetworkArchitecture architecture;
        try
        {
            architecture = new NetworkArchitecture(precision, sizes, activations, hasBias, loss, batchNormalization);
        }
        catch (OverflowException)
        {
            throw Corrupted(source, "its layers have more than 2³¹ − 1 parameters");
        }
        catch (ArgumentException ex)
        {
            throw Corrupted(source, ex.Message.TrimEnd('.'));
        }

        uint parameterCount = BinaryPrimitives.ReadUInt32LittleEndian(header[offset..]);
        if (parameterCount != architecture.ParameterCount)
        {
            throw Corrupted(source, $"it declares {parameterCount} parameters where its layers have {architecture.ParameterCount}");
        }

        return architecture;
    }

    /// <summary>Running statistics per kind (mean, variance) that a batch-normalised network keeps: one per hidden neuron
    /// (an image or temporal network's: one per Conv2D or Conv1D output channel, then one per dense hidden neuron).</summary>
    public static int NormalizedNeurons(NetworkArchitecture architecture)
    {
        int count = 0;
        if ((architecture.Image?.NormalizedChannels ?? architecture.Convolution?.NormalizedChannels) is int channels)
        {
            // An image or temporal network normalises its Conv2D or Conv1D layers' channels, then its dense hidden layers' neurons.
            count = channels;
            foreach (SynapseLayout synapse in architecture.Layout.Synapses)
            {
                count += synapse.Normalized ? synapse.Columns : 0;
            }

            return count;
        }

        for (int layer = 1; architecture.BatchNormalization && layer + 1 < architecture.LayerSizes.Count; layer++)
        {
            count += architecture.LayerSizes[layer];
        }

        return count;
    }

    /// <summary>Bytes per parameter: 4 for float, 8 for double.</summary>
    public static byte ElementSize(NetworkPrecision precision) => precision == NetworkPrecision.Single ? (byte)4 : (byte)8;

    public static WeightFileException Corrupted(string source, string detail) =>
        new(WeightFileError.Corrupted, $"{source} is corrupted: {detail}.");
}
