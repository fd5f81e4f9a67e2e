namespace GenNet.Onnx.Protobuf;

// Field numbers and enum values of the ONNX messages GenNet reads and writes, from onnx/onnx.proto (proto2, IR version 8).
// Only the fields GenNet uses are listed; readers skip every other field.

internal static class ModelProto
{
    public const int IrVersion = 1;
    public const int ProducerName = 2;
    public const int ProducerVersion = 3;
    public const int Domain = 4;
    public const int ModelVersion = 5;
    public const int DocString = 6;
    public const int Graph = 7;
    public const int OpsetImport = 8;
    public const int MetadataProps = 14;
}

internal static class OperatorSetIdProto
{
    public const int Domain = 1;
    public const int Version = 2;
}

internal static class StringStringEntryProto
{
    public const int Key = 1;
    public const int Value = 2;
}

internal static class GraphProto
{
    public const int Node = 1;
    public const int Name = 2;
    public const int Initializer = 5;
    public const int DocString = 10;
    public const int Input = 11;
    public const int Output = 12;
}

internal static class NodeProto
{
    public const int Input = 1;
    public const int Output = 2;
    public const int Name = 3;
    public const int OpType = 4;
    public const int Attribute = 5;
    public const int Domain = 7;
}

internal static class AttributeProto
{
    public const int Name = 1;
    public const int F = 2;
    public const int I = 3;
    public const int S = 4;
    public const int Ints = 8;
    public const int Type = 20;

    // AttributeProto.AttributeType
    public const int TypeFloat = 1;
    public const int TypeInt = 2;
    public const int TypeString = 3;
    public const int TypeInts = 7;
}

internal static class TensorProto
{
    public const int Dims = 1;
    public const int DataType = 2;
    public const int Segment = 3;
    public const int FloatData = 4;
    public const int Name = 8;
    public const int RawData = 9;
    public const int DoubleData = 10;
    public const int DataLocation = 14;

    // TensorProto.DataType
    public const int Float = 1;
    public const int Int64 = 7;
    public const int Double = 11;

    // TensorProto.DataLocation
    public const int External = 1;
}

internal static class ValueInfoProto
{
    public const int Name = 1;
    public const int Type = 2;
}

internal static class TypeProto
{
    public const int TensorType = 1;

    // TypeProto.Tensor
    public const int ElemType = 1;
    public const int Shape = 2;
}

internal static class TensorShapeProto
{
    public const int Dim = 1;

    // TensorShapeProto.Dimension
    public const int DimValue = 1;
    public const int DimParam = 2;
}
