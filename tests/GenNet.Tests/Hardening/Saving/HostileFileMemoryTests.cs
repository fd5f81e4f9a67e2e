using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using GenNet.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace GenNet.Tests.Hardening.Saving;

/// <summary>
/// The hostile files, each read by a child process (tests/GenNet.SaveProbe) that reports its peak resident
/// memory: refusing or reading them costs a small, bounded amount, not the gigabytes they claim. Linux only (/proc).
/// </summary>
public sealed class HostileFileMemoryTests(ITestOutputHelper output) : IDisposable
{
    // A .NET process that reads nothing peaks at about 40–70 MB here; the bounds leave room for that and the file.
    private const long SmallProcess = 160L << 20;

    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_idx_gzip_file_whose_sizes_exceed_its_contents_is_refused_in_bounded_memory()
    {
        // Declares 1,000 × 1,024 × 1,024 bytes and holds 128 MiB of zeros (about 128 KiB compressed), honest trailer:
        // before, it was inflated whole and then refused (4.4 GB for the file).
        string path = _folder.File("lying-sizes.idx.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write([0, 0, 0x08, 3, 0, 0, 0x03, 0xE8, 0, 0x10, 0, 0, 0, 0x10, 0, 0]);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 128; i++)
            {
                gzip.Write(zeros);
            }
        }

        (string outcome, long peak) = Read("read-idx", path);
        Assert.Equal("InvalidDataException", outcome);
        Assert.True(peak < SmallProcess, $"peak {peak:N0} bytes");
    }

    [Fact]
    public void A_100_MB_onnx_model_is_refused_unread_and_a_60_MB_one_costs_about_its_size()
    {
        // A valid model of the probe's network followed by an unknown field of filler: readers skip unknown fields, so
        // only the size differs. Before: 1.3 GB peak for the 100 MB model.
        byte[] model = GenNet.Persistence.OnnxModel.ToBytes(new GenNet.SaveProbe.KillProbeNet());
        foreach ((string name, int megabytes, string expected, long bound) in new[]
        {
            ("huge.onnx", 100, "InvalidDataException", SmallProcess),
            ("large.onnx", 60, "read", SmallProcess + (3L * 60 << 20)),
        })
        {
            string path = _folder.File(name);
            using (var file = File.Create(path))
            {
                file.Write(model);
                long filler = (long)megabytes << 20;
                file.Write([0x9A, 0x06]); // the tag of field 99, length-delimited, as a varint
                for (long length = filler; ; length >>= 7)
                {
                    file.WriteByte((byte)(length < 0x80 ? length : (length & 0x7F) | 0x80));
                    if (length < 0x80)
                    {
                        break;
                    }
                }

                file.SetLength(file.Length + filler); // zeros, sparse
            }

            (string outcome, long peak) = Read("read-onnx", path);
            Assert.Equal(expected, outcome);
            Assert.True(peak < bound, $"{name}: peak {peak:N0} bytes");
        }
    }

    private (string Outcome, long Peak) Read(string mode, string path)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "GenNet.SaveProbe.dll"), mode, path])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        string[] lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        string outcome = lines.Single(l => l.StartsWith("outcome ", StringComparison.Ordinal))["outcome ".Length..];
        long peak = long.Parse(lines.Single(l => l.StartsWith("peak ", StringComparison.Ordinal))["peak ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"{mode} {Path.GetFileName(path)}: {outcome}, peak {peak:N0} bytes");
        return (outcome, peak);
    }
}
