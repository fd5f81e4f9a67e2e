using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using nietras.SeparatedValues;

namespace GenNet.Samples.Classifiers;

/// <summary>What the first line of a CSV file holds.</summary>
public enum CsvHeader
{
    /// <summary>No header: every line is a data row.</summary>
    None,

    /// <summary>One name per column (the usual CSV header).</summary>
    ColumnNames,

    /// <summary>
    /// scikit-learn's layout (its bundled <c>iris.csv</c>, <c>wine_data.csv</c>, …): <c>rows,features,class 0,class 1,…</c>;
    /// the label is the last column, an integer index into those class names. The row and feature counts are checked.
    /// </summary>
    ScikitLearn,
}

/// <summary>How a CSV file of labelled rows is laid out.</summary>
public sealed record CsvDatasetOptions
{
    /// <summary>The field separator; a comma unless told.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>What the first line holds; <see cref="CsvHeader.ColumnNames"/> unless told.</summary>
    public CsvHeader Header { get; init; } = CsvHeader.ColumnNames;

    /// <summary>The label's column, counted from 0; −1 (the default) means the last column.</summary>
    public int LabelColumn { get; init; } = -1;

    /// <summary>
    /// The classes, in index order: a label must be one of these names (or, with <see cref="CsvHeader.ScikitLearn"/>, an
    /// index into them). When null, the classes are the distinct labels in the order they first appear in the file.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}

/// <summary>Labelled rows read from a CSV file: the features row-major, one class index per row, and the names.</summary>
/// <param name="Inputs">Rows of <paramref name="Width"/> feature values.</param>
/// <param name="Width">Features per row (every column but the label).</param>
/// <param name="Labels">Each row's class, an index into <paramref name="ClassNames"/>.</param>
/// <param name="ClassNames">The class names, in index order.</param>
/// <param name="FeatureNames">The feature columns' names (from the header; "column N", counted from 1, without one).</param>
public sealed record LabelledData<T>(T[] Inputs, int Width, int[] Labels, IReadOnlyList<string> ClassNames, IReadOnlyList<string> FeatureNames)
{
    /// <summary>The number of rows.</summary>
    public int Rows => Labels.Length;

    /// <summary>The number of classes.</summary>
    public int Classes => ClassNames.Count;
}

/// <summary>
/// Reads a CSV file of numeric features and one label column into <see cref="LabelledData{T}"/>, with the Sep parser
/// (quoting, separators and line counting are Sep's). Numbers are read with the invariant culture. A missing, empty,
/// non-numeric or non-finite value, a short or long row, or an unknown label is refused with an
/// <see cref="InvalidDataException"/> naming the file, the line and the column (both counted from 1).
/// </summary>
/// <remarks>
/// This lives in the samples' shared library, not in the <c>GenNet</c> runtime, so that the runtime keeps no
/// third-party dependency; copy it (it is one file) or reference Sep the same way.
/// </remarks>
public static class CsvDataset
{
    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">A value, row or label is missing or malformed; the message names line and column.</exception>
    public static LabelledData<T> Read<T>(string path, CsvDatasetOptions? options = null)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new CsvDatasetOptions();
        string source = Path.GetFileName(path);
        using SepReader reader = Open(() => Reader(options).FromFile(path), source);
        return Read<T>(reader, options, source);
    }

    /// <summary>Reads CSV <paramref name="text"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">A value, row or label is missing or malformed; the message names line and column.</exception>
    public static LabelledData<T> Parse<T>(string text, CsvDatasetOptions? options = null, string source = "the CSV text")
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new CsvDatasetOptions();
        using SepReader reader = Open(() => Reader(options).FromText(text), source);
        return Read<T>(reader, options, source);
    }

    // Sep reads the header when the reader is created, and refuses a repeated column name with an ArgumentException.
    private static SepReader Open(Func<SepReader> open, string source)
    {
        try
        {
            return open();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}, line 1: {e.Message}", e);
        }
    }

    private static SepReaderOptions Reader(CsvDatasetOptions options) =>
        Sep.New(options.Separator).Reader(o => o with
        {
            HasHeader = options.Header == CsvHeader.ColumnNames,
            Unescape = true,               // "Iris-setosa" in quotes reads as Iris-setosa
            DisableColCountCheck = true,   // checked below, with a message that names the line
            CultureInfo = CultureInfo.InvariantCulture,
        });

    private static LabelledData<T> Read<T>(SepReader reader, CsvDatasetOptions options, string source)
        where T : IFloatingPointIeee754<T>
    {
        int columns = -1;
        string[]? names = null;
        if (options.Header == CsvHeader.ColumnNames)
        {
            if (reader.Header.IsEmpty)
            {
                throw new InvalidDataException($"{source} is empty: it has no header line.");
            }

            names = [.. reader.Header.ColNames];
            columns = names.Length;
        }

        var classes = new List<string>();
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        bool fixedClasses = options.ClassNames is not null;
        int declaredRows = -1;
        foreach (string name in options.ClassNames ?? [])
        {
            AddClass(name);
        }

        var inputs = new List<T>();
        var labels = new List<int>();
        int labelColumn = -1;
        foreach (SepReader.Row row in reader)
        {
            int line = Line(row);
            if (options.Header == CsvHeader.ScikitLearn && declaredRows < 0)
            {
                (declaredRows, columns) = ScikitLearnHeader(row, options, source, AddClass);
                fixedClasses = true;
                continue;
            }

            if (columns < 0)
            {
                columns = row.ColCount;
            }

            if (labelColumn < 0)
            {
                labelColumn = LabelColumn(options, columns, source);
            }

            if (row.ColCount != columns)
            {
                throw Error(source, line, $"{row.ColCount} values where {(names is null ? "the first row has" : "the header names")} {columns}");
            }

            for (int column = 0; column < columns; column++)
            {
                ReadOnlySpan<char> text = row[column].Span.Trim();
                if (column == labelColumn)
                {
                    labels.Add(Label(text, options.Header == CsvHeader.ScikitLearn, fixedClasses, classes, classIndex, source, line, column, AddClass));
                }
                else if (text.IsEmpty)
                {
                    throw Error(source, line, column, "the value is missing");
                }
                else if (!T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out T? value) || !T.IsFinite(value))
                {
                    throw Error(source, line, column, $"'{text}' is not a finite number");
                }
                else
                {
                    inputs.Add(value);
                }
            }
        }

        if (labels.Count == 0)
        {
            throw new InvalidDataException($"{source} has no data rows.");
        }

        if (declaredRows >= 0 && declaredRows != labels.Count)
        {
            throw new InvalidDataException($"{source} has {labels.Count} data rows; its first line declares {declaredRows}.");
        }

        if (classes.Count < 2)
        {
            throw new InvalidDataException($"{source} has {classes.Count} class{(classes.Count == 1 ? "" : "es")}; a classifier needs at least 2.");
        }

        var featureNames = new List<string>();
        for (int column = 0; column < columns; column++)
        {
            if (column != labelColumn)
            {
                featureNames.Add(names?[column] ?? $"column {column + 1}");
            }
        }

        return new LabelledData<T>([.. inputs], columns - 1, [.. labels], classes, featureNames);

        int AddClass(string name)
        {
            if (!classIndex.TryAdd(name, classes.Count))
            {
                throw new ArgumentException($"The class name '{name}' appears twice.", nameof(options));
            }

            classes.Add(name);
            return classes.Count - 1;
        }
    }

    private static int Label(
        ReadOnlySpan<char> text, bool byIndex, bool fixedClasses, List<string> classes, Dictionary<string, int> classIndex,
        string source, int line, int column, Func<string, int> addClass)
    {
        if (text.IsEmpty)
        {
            throw Error(source, line, column, "the label is missing");
        }

        if (byIndex)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= classes.Count)
            {
                throw Error(source, line, column, $"the label '{text}' is not a class index from 0 to {classes.Count - 1}");
            }

            return index;
        }

        string name = text.ToString();
        if (classIndex.TryGetValue(name, out int known))
        {
            return known;
        }

        if (fixedClasses)
        {
            throw Error(source, line, column, $"the label '{name}' is not one of the classes ({string.Join(", ", classes)})");
        }

        return addClass(name);
    }

    private static (int Rows, int Columns) ScikitLearnHeader(SepReader.Row row, CsvDatasetOptions options, string source, Func<string, int> addClass)
    {
        int line = Line(row);
        if (options.LabelColumn is not (-1))
        {
            throw new ArgumentException("With CsvHeader.ScikitLearn the label is the last column; leave LabelColumn at −1.", nameof(options));
        }

        if (options.ClassNames is not null)
        {
            throw new ArgumentException("With CsvHeader.ScikitLearn the class names come from the file; leave ClassNames null.", nameof(options));
        }

        if (row.ColCount < 4)
        {
            throw Error(source, line, $"a scikit-learn header holds rows, features and at least two class names; this one has {row.ColCount} values");
        }

        int rows = Count(row, 0, "row count");
        int features = Count(row, 1, "feature count");
        for (int column = 2; column < row.ColCount; column++)
        {
            string name = row[column].Span.Trim().ToString();
            if (name.Length == 0)
            {
                throw Error(source, line, column, "the class name is missing");
            }

            addClass(name);
        }

        return (rows, features + 1);

        int Count(SepReader.Row header, int column, string what)
        {
            ReadOnlySpan<char> text = header[column].Span.Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
            {
                throw Error(source, line, column, $"the {what} '{text}' is not a positive integer");
            }

            return count;
        }
    }

    private static int LabelColumn(CsvDatasetOptions options, int columns, string source)
    {
        if (columns < 2)
        {
            throw new InvalidDataException($"{source} has {columns} column; it needs at least one feature and the label.");
        }

        int label = options.LabelColumn == -1 ? columns - 1 : options.LabelColumn;
        if (label < 0 || label >= columns)
        {
            throw new ArgumentException($"LabelColumn is {options.LabelColumn}, but {source} has {columns} columns (0 to {columns - 1}; −1 for the last).", nameof(options));
        }

        return label;
    }

    // Sep 0.17.1 reports line 2 for the first row of a file read without a header (LineNumberFrom 2, LineNumberToExcl 2);
    // every later row, and every row after a header, has its true line. The first row always starts on line 1.
    private static int Line(SepReader.Row row) => row.RowIndex == 0 ? 1 : row.LineNumberFrom;

    private static InvalidDataException Error(string source, int line, int column, string detail) =>
        new($"{source}, line {line}, column {column + 1}: {detail}.");

    private static InvalidDataException Error(string source, int line, string detail) =>
        new($"{source}, line {line}: {detail}.");
}
