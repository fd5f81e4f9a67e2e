namespace GenNet.Generator.Emit;

/// <summary>The members a network with dropout declares: the rate, the keep scale, the mask stream and its seed.</summary>
internal static class DropoutFragment
{
    public static void WriteStorage(SourceWriter w, string t, double dropoutRate)
    {
        string rate = dropoutRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        w.Line("/// <summary>Probability that training drops a hidden neuron (inverted dropout; Predict never drops).</summary>");
        w.Line($"public const double DropoutRate = {rate};");
        w.Line();
        w.Line("// Kept neurons are scaled by 1 / (1 − rate) so that inference needs no rescaling.");
        w.Line($"private const {t} DropoutKeepScale = ({t})(1 / (1 - DropoutRate));");
        w.Line();
        w.Line("private readonly global::GenNet.CompilerServices.DropoutMask _dropout = new(0);");
        w.Line();
        w.Line("/// <summary>Restarts the dropout masks' random stream: the same seed gives the same masks.</summary>");
        using (w.Block("public void SeedDropout(int seed)"))
        {
            w.Line("_dropout.Reseed(seed);");
        }

        w.Line();
    }
}
