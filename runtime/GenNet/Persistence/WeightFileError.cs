namespace GenNet.Persistence;

/// <summary>Why a weight file was refused as damaged or unreadable (see <see cref="WeightFileException"/>).</summary>
public enum WeightFileError
{
    /// <summary>The data does not start with the weight-file magic bytes: it is some other kind of file.</summary>
    NotAWeightFile,

    /// <summary>A weight file of a format version this library does not read (written by a newer GenNet).</summary>
    UnsupportedVersion,

    /// <summary>The data ends before the file does: a partial copy or an interrupted write.</summary>
    Truncated,

    /// <summary>A checksum does not match, or a field holds an impossible value: the bytes were changed.</summary>
    Corrupted,
}
