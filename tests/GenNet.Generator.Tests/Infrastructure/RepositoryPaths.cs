using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace GenNet.Generator.Tests.Infrastructure;

/// <summary>Folders of the repository the tests were built from.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding GenNet.sln.</summary>
    public static string Root { get; } = FindRoot(ThisFile());

    /// <summary>This test project's source folder (where Snapshots/ lives).</summary>
    public static string TestProject { get; } = Path.Combine(Root, "tests", "GenNet.Generator.Tests");

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static string FindRoot(string start)
    {
        for (string? dir = Path.GetDirectoryName(start); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "GenNet.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"No GenNet.sln above {start}.");
    }
}
