using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GenNet.Data;

namespace GenNet.Samples.Classifiers;

/// <summary>
/// Fashion-MNIST (or MNIST, or any set in the same four IDX files): 28×28 grey images as 784 values in [0, 1], and
/// their class, split into the published training and test sets.
/// </summary>
public sealed class FashionMnistData
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the files.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The four files, each accepted gzip-compressed (<c>.gz</c>) or raw.</summary>
    public static readonly string[] FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The ten classes, in label order.</summary>
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Pixels per image.</summary>
    public const int Features = 28 * 28;

    /// <summary>Kinds of garment.</summary>
    public const int Classes = 10;

    private FashionMnistData(float[] trainInputs, int[] trainLabels, float[] testInputs, int[] testLabels)
    {
        TrainInputs = trainInputs;
        TrainLabels = trainLabels;
        TestInputs = testInputs;
        TestLabels = testLabels;
    }

    /// <summary>Training images, row-major, pixels scaled to [0, 1].</summary>
    public float[] TrainInputs { get; }

    /// <summary>The class of each training image.</summary>
    public int[] TrainLabels { get; }

    /// <summary>Test images, row-major, pixels scaled to [0, 1].</summary>
    public float[] TestInputs { get; }

    /// <summary>The class of each test image.</summary>
    public int[] TestLabels { get; }

    /// <summary>The first <paramref name="train"/> training and <paramref name="test"/> test images: a quick run's data.</summary>
    public FashionMnistData Take(int train, int test)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(test);
        train = Math.Min(train, TrainLabels.Length);
        test = Math.Min(test, TestLabels.Length);
        return new FashionMnistData(TrainInputs[..(train * Features)], TrainLabels[..train], TestInputs[..(test * Features)], TestLabels[..test]);
    }

    /// <summary>The files of <see cref="FileNames"/> that <paramref name="folder"/> lacks (in neither form).</summary>
    public static IReadOnlyList<string> MissingFiles(string folder) =>
        FileNames.Where(name => Locate(folder, name) is null).ToArray();

    /// <summary>Reads the four IDX files in <paramref name="folder"/> and checks that they fit together.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; see <see cref="MissingFiles"/>.</exception>
    /// <exception cref="InvalidDataException">A file is damaged, or the images and labels do not match.</exception>
    public static FashionMnistData Load(string folder)
    {
        (float[] trainInputs, int[] trainLabels) = ReadSet(folder, "train");
        (float[] testInputs, int[] testLabels) = ReadSet(folder, "t10k");
        return new FashionMnistData(trainInputs, trainLabels, testInputs, testLabels);
    }

    private static (float[] Inputs, int[] Labels) ReadSet(string folder, string prefix)
    {
        string imagesPath = Require(folder, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Require(folder, $"{prefix}-labels-idx1-ubyte");
        IdxArray images = IdxFile.Read(imagesPath);
        IdxArray labels = IdxFile.Read(labelsPath);
        if (images.ElementType != IdxElementType.UnsignedByte || images.Shape.Count != 3 || images.Shape[1] != 28 || images.Shape[2] != 28)
        {
            throw new InvalidDataException($"'{imagesPath}' holds {images.ElementType} values of shape ({string.Join(", ", images.Shape)}); expected unsigned bytes of shape (n, 28, 28).");
        }

        if (labels.ElementType != IdxElementType.UnsignedByte || labels.Shape.Count != 1 || labels.ItemCount != images.ItemCount)
        {
            throw new InvalidDataException(
                $"'{labelsPath}' holds {labels.ElementType} values of shape ({string.Join(", ", labels.Shape)}); expected one unsigned byte per image of '{imagesPath}' ({images.ItemCount}).");
        }

        int[] classes = labels.ToArray<int>();
        int bad = Array.FindIndex(classes, label => label >= Classes);
        if (bad >= 0)
        {
            throw new InvalidDataException($"'{labelsPath}': label {bad} is {classes[bad]}; classes run from 0 to {Classes - 1}.");
        }

        return (images.ToArray(1f / 255), classes);
    }

    private static string Require(string folder, string name) =>
        Locate(folder, name) ?? throw new FileNotFoundException($"'{folder}' has neither {name}.gz nor {name}.", Path.Combine(folder, name + ".gz"));

    private static string? Locate(string folder, string name) =>
        new[] { name + ".gz", name }.Select(file => Path.Combine(folder, file)).FirstOrDefault(File.Exists);
}
