namespace GenNet.Generator
{
    /// <summary>The kind of a network's recurrent layers; mirrors <c>GenNet.RecurrentCell</c>.</summary>
    internal enum RecurrentCell
    {
        None = 0,
        Rnn = 1,
        Gru = 2,
        Lstm = 3,
    }
}

namespace GenNet.Generator.Model
{
    /// <summary>A sequence network's recurrent stack, as values: its cell kind, its inputs and every layer's units.</summary>
    /// <param name="Cell">One kind for the whole stack.</param>
    /// <param name="Inputs">Values per input sample.</param>
    /// <param name="Sizes">Units of each recurrent layer, first (nearest the inputs) to last.</param>
    internal sealed record RecurrentSpec(RecurrentCell Cell, int Inputs, EquatableArray<int> Sizes);
}
