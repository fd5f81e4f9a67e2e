using System.Text;

namespace GenNet.Persistence;

/// <summary>Quotes text read from a file in an error message: short, and printable.</summary>
internal static class FileText
{
    /// <summary>The longest excerpt a message quotes, in characters.</summary>
    public const int MaxExcerpt = 120;

    /// <summary>
    /// At most <paramref name="limit"/> characters of <paramref name="text"/>, control and other unprintable characters
    /// written as <c>\xNN</c> or <c>\uNNNN</c> (so that a file cannot move the cursor or recolour a terminal), and a
    /// note of how much was left out.
    /// </summary>
    public static string Excerpt(string text, int limit = MaxExcerpt)
    {
        var excerpt = new StringBuilder(limit + 40);
        int i = 0;
        for (; i < text.Length && excerpt.Length < limit; i++)
        {
            char c = text[i];
            if (c is >= ' ' and <= '~')
            {
                excerpt.Append(c);
            }
            else if (c <= 0xFF)
            {
                excerpt.Append($"\\x{(int)c:x2}");
            }
            else
            {
                excerpt.Append($"\\u{(int)c:x4}");
            }
        }

        if (i < text.Length)
        {
            excerpt.Append($"… ({text.Length - i} more characters)");
        }

        return excerpt.ToString();
    }
}
