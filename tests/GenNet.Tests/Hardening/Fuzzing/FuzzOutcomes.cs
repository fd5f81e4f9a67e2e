using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNet.Tests.Hardening.Fuzzing;

/// <summary>Counts what a fuzzing run saw, per outcome, so that a test can show (and assert) what it covered.</summary>
internal sealed class FuzzOutcomes
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Trials { get; private set; }

    public void Add(string outcome)
    {
        Trials++;
        _counts[outcome] = _counts.GetValueOrDefault(outcome) + 1;
    }

    public int this[string outcome] => _counts.GetValueOrDefault(outcome);

    public override string ToString() =>
        $"{Trials} trials: " + string.Join(", ", _counts.Select(pair => $"{pair.Key} {pair.Value}"));
}
