using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace GenNet.Samples.Digits;

/// <summary>The 8×8 digits: 64 pixel values scaled from 0..16 to [0, 1] per row, and the digit.</summary>
public sealed class DigitsData
{
    /// <summary>Pixels per image.</summary>
    public const int Features = 64;

    /// <summary>Digits 0 to 9.</summary>
    public const int Classes = 10;

    private DigitsData(float[] inputs, int[] labels)
    {
        Inputs = inputs;
        Labels = labels;
    }

    /// <summary>Rows of 64 pixels in [0, 1], row-major.</summary>
    public float[] Inputs { get; }

    /// <summary>The digit of each row.</summary>
    public int[] Labels { get; }

    /// <summary>The number of images.</summary>
    public int Rows => Labels.Length;

    /// <summary>The copy shipped with the sample (Data/digits.csv.gz, see Data/README.md).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz");

    /// <summary>Reads the gzip-compressed CSV: 64 integers 0..16, then the label 0..9, per line.</summary>
    /// <exception cref="InvalidDataException">A line does not hold 65 such numbers; the message gives the line.</exception>
    public static DigitsData Load(string path)
    {
        var inputs = new List<float>();
        var labels = new List<int>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            string[] fields = line.Split(',');
            if (fields.Length != Features + 1)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: expected {Features + 1} values, found {fields.Length}.");
            }

            for (int i = 0; i <= Features; i++)
            {
                int maximum = i < Features ? 16 : Classes - 1;
                if (!int.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value > maximum)
                {
                    throw new InvalidDataException($"{path}, line {lineNumber}, value {i + 1}: '{fields[i]}' is not an integer from 0 to {maximum}.");
                }

                if (i < Features)
                {
                    inputs.Add(value / 16f);
                }
                else
                {
                    labels.Add(value);
                }
            }
        }

        return new DigitsData(inputs.ToArray(), labels.ToArray());
    }
}
