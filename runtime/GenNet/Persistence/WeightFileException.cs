using System;
using System.IO;

namespace GenNet.Persistence;

/// <summary>
/// A weight file (or stream) that cannot be read: not a weight file, a newer format, truncated or corrupted.
/// Nothing was written to the network. A file that is intact but holds another architecture is refused with an
/// <see cref="ArchitectureMismatchException"/> instead.
/// </summary>
public sealed class WeightFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    public WeightFileException(WeightFileError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>What is wrong with the data.</summary>
    public WeightFileError Error { get; }
}
