using System.Collections.Generic;
using System.Linq;

namespace GenNet.Generator.Emit;

/// <summary>Long sums written as statements a reader can follow.</summary>
internal static class Assignment
{
    /// <summary>"target = prefix term + term + … suffix;", wrapped after every <paramref name="termsPerLine"/> terms.</summary>
    public static void Write(SourceWriter w, string target, string prefix, IEnumerable<string> terms, string suffix, int termsPerLine)
    {
        string[] all = terms.ToArray();
        if (all.Length <= termsPerLine)
        {
            w.Line($"{target} = {prefix}{string.Join(" + ", all)}{suffix};");
            return;
        }

        w.Line($"{target} = {prefix}");
        w.Indent();
        for (int start = 0; start < all.Length; start += termsPerLine)
        {
            string chunk = string.Join(" + ", all.Skip(start).Take(termsPerLine));
            bool lastChunk = start + termsPerLine >= all.Length;
            w.Line((start == 0 ? string.Empty : "+ ") + chunk + (lastChunk ? suffix + ";" : string.Empty));
        }

        w.Unindent();
    }
}
