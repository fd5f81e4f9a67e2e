using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNet.Persistence;

/// <summary>
/// A floating-point array read from a numpy <c>.npy</c> file: its shape and its values in C (row-major) order,
/// whatever order and byte order the file used. Values are held as <see cref="double"/>, which represents float32
/// and float64 data exactly.
/// </summary>
public sealed class NpyArray
{
    private readonly int[] _shape;
    private readonly double[] _values;

    /// <summary>Wraps <paramref name="values"/> (row-major) as an array of <paramref name="shape"/>.</summary>
    /// <param name="shape">The dimensions; empty for a 0-d array (one value).</param>
    /// <param name="values">The values, row-major; the array is used, not copied.</param>
    /// <param name="dataType">The numpy type the values came from: <c>&lt;f8</c> or <c>&lt;f4</c> (or another byte order).</param>
    public NpyArray(IEnumerable<int> shape, double[] values, string dataType = "<f8")
    {
        _shape = shape?.ToArray() ?? throw new ArgumentNullException(nameof(shape));
        _values = values ?? throw new ArgumentNullException(nameof(values));
        ArgumentNullException.ThrowIfNull(dataType);
        long count = 1;
        foreach (int dimension in _shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            count *= dimension;
        }

        if (count != values.Length)
        {
            throw new ArgumentException($"An array of shape {FormatShape(_shape)} holds {count} values; {values.Length} were given.", nameof(values));
        }

        DataType = dataType;
    }

    /// <summary>The dimensions, outermost first (numpy's <c>a.shape</c>).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The values in C order (numpy's <c>a.ravel(order='C')</c>).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The numpy type descriptor of the data as stored, e.g. <c>&lt;f8</c>.</summary>
    public string DataType { get; }

    /// <summary>The shape as numpy prints it, e.g. <c>(3, 4)</c>, <c>(4,)</c> or <c>()</c>.</summary>
    public string ShapeText => FormatShape(_shape);

    /// <summary>Formats a shape as numpy prints it: <c>(3, 4)</c>, <c>(4,)</c>, <c>()</c>.</summary>
    public static string FormatShape(IReadOnlyList<int> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
