using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Google.Protobuf;

namespace GenNet.Onnx.Protobuf;

/// <summary>
/// Walks the fields of one protobuf message with Google.Protobuf's <see cref="CodedInputStream"/>: the caller reads
/// the fields it knows by number and skips the rest. Repeated numeric fields are accepted packed or unpacked.
/// </summary>
internal sealed class ProtoReader
{
    private readonly CodedInputStream _input;
    private uint _tag;

    public ProtoReader(byte[] message) => _input = new CodedInputStream(message);

    public int Field => WireFormat.GetTagFieldNumber(_tag);

    private WireFormat.WireType WireType => WireFormat.GetTagWireType(_tag);

    /// <summary>Advances to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        _tag = _input.ReadTag();
        return _tag != 0;
    }

    public long Int64() => WireType == WireFormat.WireType.Varint ? _input.ReadInt64() : throw Unexpected("an integer");

    public float Float() => WireType == WireFormat.WireType.Fixed32 ? _input.ReadFloat() : throw Unexpected("a float");

    public string String() => WireType == WireFormat.WireType.LengthDelimited ? _input.ReadString() : throw Unexpected("a string");

    public byte[] Bytes() => WireType == WireFormat.WireType.LengthDelimited ? _input.ReadBytes().ToByteArray() : throw Unexpected("bytes");

    public ProtoReader Message() => new(Bytes());

    public void Skip() => _input.SkipLastField();

    /// <summary>Appends a repeated int64 field, packed (one length-delimited run) or not (one varint).</summary>
    public void Int64s(List<long> values) => Int64s(values, int.MaxValue);

    /// <summary>As <see cref="Int64s(List{long})"/>, keeping at most <paramref name="max"/> values in
    /// <paramref name="values"/> (the rest are read and dropped): a hostile list cannot grow the list past it.</summary>
    public void Int64s(List<long> values, int max)
    {
        if (WireType == WireFormat.WireType.LengthDelimited)
        {
            var packed = new CodedInputStream(Bytes());
            while (!packed.IsAtEnd)
            {
                long value = packed.ReadInt64();
                if (values.Count < max)
                {
                    values.Add(value);
                }
            }
        }
        else
        {
            long value = Int64();
            if (values.Count < max)
            {
                values.Add(value);
            }
        }
    }

    /// <summary>Appends a repeated float field, packed or not.</summary>
    public void Floats(List<double> values)
    {
        if (WireType == WireFormat.WireType.LengthDelimited)
        {
            byte[] bytes = Whole(Bytes(), 4);
            for (int i = 0; i < bytes.Length; i += 4)
            {
                values.Add(BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i)));
            }
        }
        else
        {
            values.Add(Float());
        }
    }

    /// <summary>Appends a repeated double field, packed or not.</summary>
    public void Doubles(List<double> values)
    {
        if (WireType == WireFormat.WireType.LengthDelimited)
        {
            byte[] bytes = Whole(Bytes(), 8);
            for (int i = 0; i < bytes.Length; i += 8)
            {
                values.Add(BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i)));
            }
        }
        else if (WireType == WireFormat.WireType.Fixed64)
        {
            values.Add(_input.ReadDouble());
        }
        else
        {
            throw Unexpected("a double");
        }
    }

    private InvalidDataException Unexpected(string expected) =>
        new($"field {Field} has wire type {WireType} where {expected} was expected");

    private static byte[] Whole(byte[] bytes, int size) => bytes.Length % size == 0
        ? bytes
        : throw new InvalidDataException($"a packed field of {size}-byte values is {bytes.Length} bytes long");
}
