namespace GenNet.Generator;

/// <summary>Names of the incremental pipeline's steps, so tests can check what was cached.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Networks = nameof(Networks);
    public const string Diagnostics = nameof(Diagnostics);
}
