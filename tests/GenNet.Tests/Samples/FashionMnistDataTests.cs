using System.IO;
using System.Linq;
using GenNet.Samples.Classifiers;
using GenNet.Tests.Infrastructure;
using Xunit;
using static GenNet.Tests.Datasets.IdxFileTests;

namespace GenNet.Tests.Samples;

// The real data is 30 MB and not part of the repository: these tests build small IDX files of the same layout.
public sealed class FashionMnistDataTests
{
    [Fact]
    public void Reads_the_four_files_gzipped_or_raw_scaling_pixels_to_0_1()
    {
        using var folder = new TemporaryDirectory();
        WriteSet(folder, "train", images: 3, gzip: true);
        WriteSet(folder, "t10k", images: 2, gzip: false);

        FashionMnistData data = FashionMnistData.Load(folder.Path);

        Assert.Equal(new[] { 0, 1, 2 }, data.TrainLabels);
        Assert.Equal(new[] { 0, 1 }, data.TestLabels);
        Assert.Equal(3 * 784, data.TrainInputs.Length);
        Assert.Equal(2 * 784, data.TestInputs.Length);
        Assert.Equal(1f, data.TrainInputs[255]); // image 0, pixel 255 is 255
        Assert.Equal(15 * (1f / 255), data.TrainInputs[783]); // 783 % 256 = 15, times the scale 1/255
        Assert.Equal(1f / 255, data.TrainInputs[784]); // image 1, pixel 0 is (0 + 1) % 256
        Assert.Empty(FashionMnistData.MissingFiles(folder.Path));
    }

    [Fact]
    public void Missing_files_are_named()
    {
        using var folder = new TemporaryDirectory();
        WriteSet(folder, "train", images: 3, gzip: true);

        Assert.Equal(new[] { "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" }, FashionMnistData.MissingFiles(folder.Path));
        var error = Assert.Throws<FileNotFoundException>(() => FashionMnistData.Load(folder.Path));
        Assert.Contains("has neither t10k-images-idx3-ubyte.gz nor t10k-images-idx3-ubyte", error.Message);
    }

    [Fact]
    public void Images_and_labels_that_do_not_fit_together_are_refused()
    {
        using var folder = new TemporaryDirectory();
        WriteSet(folder, "train", images: 3, gzip: true);
        WriteSet(folder, "t10k", images: 2, gzip: false);

        File.WriteAllBytes(folder.File("t10k-labels-idx1-ubyte"), Idx(0x08, [3], [0, 1, 2]));
        Assert.Contains("expected one unsigned byte per image", Assert.Throws<InvalidDataException>(() => FashionMnistData.Load(folder.Path)).Message);

        File.WriteAllBytes(folder.File("t10k-labels-idx1-ubyte"), Idx(0x08, [2], [0, 10]));
        Assert.Contains("label 1 is 10; classes run from 0 to 9", Assert.Throws<InvalidDataException>(() => FashionMnistData.Load(folder.Path)).Message);

        File.WriteAllBytes(folder.File("t10k-images-idx3-ubyte"), Idx(0x08, [2, 27, 29], new byte[2 * 27 * 29]));
        Assert.Contains("expected unsigned bytes of shape (n, 28, 28)", Assert.Throws<InvalidDataException>(() => FashionMnistData.Load(folder.Path)).Message);
    }

    // Image k has pixels (i + k) % 256 for i = 0 … 783 and label k.
    private static void WriteSet(TemporaryDirectory folder, string prefix, int images, bool gzip)
    {
        byte[] pixels = Enumerable.Range(0, images).SelectMany(k => Enumerable.Range(0, 784).Select(i => (byte)((i + k) % 256))).ToArray();
        byte[] imageFile = Idx(0x08, [images, 28, 28], pixels);
        byte[] labelFile = Idx(0x08, [images], Enumerable.Range(0, images).Select(k => (byte)k).ToArray());
        string suffix = gzip ? ".gz" : string.Empty;
        File.WriteAllBytes(folder.File($"{prefix}-images-idx3-ubyte{suffix}"), gzip ? Gzip(imageFile) : imageFile);
        File.WriteAllBytes(folder.File($"{prefix}-labels-idx1-ubyte{suffix}"), gzip ? Gzip(labelFile) : labelFile);
    }
}
