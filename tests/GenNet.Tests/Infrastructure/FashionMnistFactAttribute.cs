using System;
using GenNet.Samples.Classifiers;
using Xunit;

namespace GenNet.Tests.Infrastructure;

/// <summary>A test that needs Debian's Fashion-MNIST files: skipped on a developer machine without them, but never on CI
/// (the <c>CI</c> variable set), where a missing dataset must fail rather than pass silently.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (FashionMnistData.MissingFiles(FashionMnistData.DefaultFolder).Count > 0 && Environment.GetEnvironmentVariable("CI") is null)
        {
            Skip = $"Fashion-MNIST is not in {FashionMnistData.DefaultFolder} (apt-get install dataset-fashion-mnist)";
        }
    }
}
