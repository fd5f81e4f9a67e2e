using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace GenNet.Package.Tests;

/// <summary>
/// The GenNet package as a user meets it: its layout, a fresh project that installs it from a local feed and runs a
/// network, and a project with a wrong attribute that fails to build with the GN error.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageFixture>
{
    private readonly PackageFixture _package;

    public PackageTests(PackageFixture package) => _package = package;

    [Fact]
    public void The_package_holds_the_runtime_the_generator_readme_and_licence()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.Package);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();

        Assert.Contains("lib/net8.0/GenNet.dll", entries);
        Assert.Contains("lib/net10.0/GenNet.dll", entries);
        Assert.Contains("lib/net10.0/GenNet.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/GenNet.Generator.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", System.StringComparison.Ordinal) && e.Contains("Generator"));

        using Stream nuspecStream = zip.Entries.Single(e => e.FullName == "GenNet.nuspec").Open();
        XElement metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("GenNet", Value("id"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));

        // The generator ships inside; it must not become a package dependency of its own.
        string[] dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct().ToArray();
        Assert.DoesNotContain("GenNet.Generator", dependencies);
        Assert.All(dependencies, id => Assert.StartsWith("System.", id));
    }

    [Fact]
    public void A_fresh_project_installs_the_package_declares_a_network_and_prints_the_blogs_numbers()
    {
        string folder = _package.CreateConsumer("BlogConsumer", """
            using System.Globalization;
            using GenNet;

            var network = new TwoLayerNet();
            network.InitializeWeights(seed: 1);
            double[] x = { 0, 0, 1,  0, 1, 1,  1, 0, 1,  1, 1, 1 };
            double[] y = { 0, 0, 1, 1 };

            // The blog prints l1 of its 10,000th iteration, computed before that iteration's update.
            for (int i = 0; i < 9_999; i++)
            {
                network.TrainStep(x, y, learningRate: 1.0);
            }

            var output = new double[4];
            network.PredictBatch(x, output);
            Console.WriteLine($"parameters {TwoLayerNet.ParameterCount}");
            foreach (double value in output)
            {
                Console.WriteLine(value.ToString("F8", CultureInfo.InvariantCulture));
            }

            [Network(Inputs = 3, Outputs = 1, Bias = false)]
            public partial class TwoLayerNet { }
            """);

        (int buildExit, string buildOutput) = PackageFixture.Build(folder);
        Assert.True(buildExit == 0, buildOutput);
        Assert.DoesNotContain("CS8785", buildOutput);

        (int runExit, string runOutput) = DotNetCli.Run(folder, Path.Combine(folder, "out", "BlogConsumer.dll"));
        Assert.True(runExit == 0, runOutput);

        // "A Neural Network in 11 lines of Python", part 1, two-layer network: "Output After Training".
        Assert.Equal(
            new[] { "parameters 3", "0.00966449", "0.00786506", "0.99358898", "0.99211957" },
            runOutput.Split('\n', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void A_wrong_attribute_fails_the_build_with_the_GN_error_not_a_crash()
    {
        string folder = _package.CreateConsumer("WrongConsumer", """
            using GenNet;

            Console.WriteLine(new BadNet().ParameterCount);

            [Network(Inputs = 0, Outputs = 1)]
            public partial class BadNet { }
            """);

        (int exitCode, string output) = PackageFixture.Build(folder);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Program.cs(5,10): error GN0004: Inputs must be between 1 and 65536; was 0", output);
        Assert.DoesNotContain("CS8785", output);
        Assert.DoesNotContain("AD0001", output);
    }
}
