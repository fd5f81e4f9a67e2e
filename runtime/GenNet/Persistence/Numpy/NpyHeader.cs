using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace GenNet.Persistence;

/// <summary>
/// Parses the Python dict literal of a .npy header, e.g. <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c>:
/// exactly the three keys numpy writes, string, bool and tuple-of-int values, nothing else.
/// </summary>
internal static class NpyHeader
{
    public static (string Descr, bool FortranOrder, int[] Shape) Parse(string text, string source)
    {
        var reader = new Reader(text, source);
        string? descr = null;
        bool? fortranOrder = null;
        int[]? shape = null;
        reader.Expect('{');
        while (!reader.TryConsume('}'))
        {
            string key = reader.String();
            reader.Expect(':');
            switch (key)
            {
                case "descr" when descr is null:
                    descr = reader.String();
                    break;
                case "fortran_order" when fortranOrder is null:
                    fortranOrder = reader.Boolean();
                    break;
                case "shape" when shape is null:
                    shape = reader.Tuple();
                    break;
                default:
                    throw reader.Error($"unexpected key '{key}'");
            }

            if (!reader.TryConsume(','))
            {
                reader.Expect('}');
                break;
            }
        }

        reader.ExpectEnd();
        if (descr is null || fortranOrder is null || shape is null)
        {
            throw reader.Error("the keys 'descr', 'fortran_order' and 'shape' are required");
        }

        if (descr.Length < 2)
        {
            throw reader.Error($"'{descr}' is not a type descriptor");
        }

        return (descr, fortranOrder.Value, shape);
    }

    private sealed class Reader(string text, string source)
    {
        private int _position;

        public InvalidDataException Error(string detail) =>
            new($"{source} has a damaged .npy header ({FileText.Excerpt(detail)}): {FileText.Excerpt(text.TrimEnd())}");

        public void Expect(char c)
        {
            if (!TryConsume(c))
            {
                throw Error($"expected '{c}' at character {_position}");
            }
        }

        public bool TryConsume(char c)
        {
            SkipSpace();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_position != text.Length)
            {
                throw Error($"unexpected text after the dict at character {_position}");
            }
        }

        public string String()
        {
            SkipSpace();
            char quote = _position < text.Length ? text[_position] : '\0';
            if (quote is not ('\'' or '"'))
            {
                throw Error($"expected a string at character {_position}");
            }

            int end = text.IndexOf(quote, _position + 1);
            if (end < 0)
            {
                throw Error("a string is not closed");
            }

            string value = text.Substring(_position + 1, end - _position - 1);
            _position = end + 1;
            return value;
        }

        public bool Boolean()
        {
            SkipSpace();
            foreach ((string word, bool value) in new[] { ("True", true), ("False", false) })
            {
                if (string.CompareOrdinal(text, _position, word, 0, word.Length) == 0)
                {
                    _position += word.Length;
                    return value;
                }
            }

            throw Error($"expected True or False at character {_position}");
        }

        public int[] Tuple()
        {
            Expect('(');
            var values = new List<int>();
            while (!TryConsume(')'))
            {
                SkipSpace();
                int start = _position;
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }

                if (!int.TryParse(text.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    throw Error($"expected a dimension at character {start}");
                }

                values.Add(value);
                if (!TryConsume(','))
                {
                    Expect(')');
                    break;
                }
            }

            return values.ToArray();
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
