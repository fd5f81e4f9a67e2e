using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace GenNet.Package.Tests;

/// <summary>
/// Packs GenNet once into a temporary local feed, outside the repository, with its own NuGet cache so that an
/// older GenNet in the user's global cache can never stand in for the one just packed.
/// </summary>
public sealed class PackageFixture : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "gennet-package-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);

        // The solution build has just compiled the runtime and the generator in this configuration: pack those.
        string project = Path.Combine(RepositoryRoot(), "runtime", "GenNet", "GenNet.csproj");
        (int exitCode, string output) = DotNetCli.Run(Root, "pack", project, "-c", Configuration, "--no-build", "-o", Feed);
        if (exitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + output);
        }

        Package = Directory.GetFiles(Feed, "GenNet.*.nupkg").Single(p => !p.EndsWith(".snupkg", StringComparison.Ordinal));
        Version = Path.GetFileNameWithoutExtension(Package)["GenNet.".Length..];
    }

    /// <summary>The temporary folder holding the feed and the consumer projects.</summary>
    public string Root { get; }

    /// <summary>The local folder feed holding the packed GenNet.</summary>
    public string Feed { get; }

    /// <summary>The path of GenNet.{version}.nupkg.</summary>
    public string Package { get; }

    public string Version { get; }

    /// <summary>Writes a console project that references GenNet from the feed and returns its folder.</summary>
    public string CreateConsumer(string name, string program)
    {
        string folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GenNet" Version="{{Version}}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{{Path.Combine(Root, "packages")}}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{{Feed}}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
        return folder;
    }

    /// <summary>Builds a consumer the way a user does, without build servers that would outlive the test.</summary>
    public static (int ExitCode, string Output) Build(string folder) =>
        DotNetCli.Run(folder, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false", "-o", Path.Combine(folder, "out"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is only left in the temp folder.
        }
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "")
    {
        for (string? dir = Path.GetDirectoryName(thisFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "GenNet.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("GenNet.sln not found above " + thisFile);
    }
}
