using System;
using System.IO;

namespace GenNet.Persistence;

/// <summary>
/// Reads an untrusted stream to its end into memory, refusing it as soon as it holds more than a limit: memory stays
/// bounded whatever the stream claims or holds. Shared by the .npz and ONNX stream loads.
/// </summary>
internal static class BoundedRead
{
    /// <exception cref="InvalidDataException">The stream holds more than <paramref name="limit"/> bytes; the message is
    /// <paramref name="tooLarge"/>.</exception>
    public static MemoryStream ToEnd(Stream stream, long limit, string tooLarge)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > limit)
            {
                throw new InvalidDataException(tooLarge);
            }

            copy.Write(buffer, 0, read);
        }

        copy.Position = 0;
        return copy;
    }
}
