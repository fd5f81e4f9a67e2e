using System;
using System.Text;

namespace GenNet.Generator.Emit;

/// <summary>
/// Writes indented C#. Every line goes through <see cref="Line(string)"/>, which indents it; multi-line text
/// is re-indented line by line, so the emitter never counts spaces.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Line() => _builder.Append('\n');

    public void Line(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                _builder.Append('\n');
                continue;
            }

            for (int i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(line).Append('\n');
        }
    }

    /// <summary>Writes <paramref name="header"/> and "{", indents until the returned scope is disposed, then "}".</summary>
    public Scope Block(string header, string close = "}")
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return new Scope(this, close);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public override string ToString() => _builder.ToString();

    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _close;

        public Scope(SourceWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line(_close);
        }
    }
}
