using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace GenNet.CompilerServices;

/// <summary>Minimum-length checks for kernels that take caller-sized buffers (longer spans are fine; the tail is untouched).</summary>
internal static class SpanChecks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AtLeast<T>(ReadOnlySpan<T> span, int required, [CallerArgumentExpression(nameof(span))] string? name = null)
    {
        if (span.Length < required)
        {
            Throw(span.Length, required, name);
        }
    }

    [DoesNotReturn]
    private static void Throw(int actual, int required, string? name) =>
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"{name} must hold at least {required} values; it holds {actual}."), name);
}
