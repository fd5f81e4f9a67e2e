namespace GenNet;

/// <summary>
/// The kind of every recurrent layer of a <see cref="NetworkAttribute"/> network (<see cref="NetworkAttribute.Recurrent"/>).
/// Gates are stored in ONNX's order, so that the weights of one layer are those of ONNX's operator of the same name.
/// </summary>
public enum RecurrentCell
{
    /// <summary>No recurrent layers: a feed-forward network (the default).</summary>
    None = 0,

    /// <summary>Elman RNN: <c>hₜ = tanh(W·xₜ + Wb + R·hₜ₋₁ + Rb)</c>; one gate.</summary>
    Rnn = 1,

    /// <summary>
    /// Gated recurrent unit, gates z, r, h (ONNX's order) with ONNX's <c>linear_before_reset = 1</c> (PyTorch's and
    /// Keras's <c>reset_after</c> form): <c>zₜ = σ(W_z·x + Wb_z + R_z·h + Rb_z)</c>, <c>rₜ = σ(W_r·x + Wb_r + R_r·h + Rb_r)</c>,
    /// <c>h̃ₜ = tanh(W_h·x + Wb_h + rₜ ⊙ (R_h·h + Rb_h))</c>, <c>hₜ = (1 − zₜ) ⊙ h̃ₜ + zₜ ⊙ hₜ₋₁</c>.
    /// </summary>
    Gru = 2,

    /// <summary>
    /// Long short-term memory, gates i, o, f, c (ONNX's order), no peepholes: <c>i = σ(…)</c>, <c>o = σ(…)</c>,
    /// <c>f = σ(…)</c>, <c>c̃ = tanh(…)</c> each of <c>W·x + Wb + R·h + Rb</c>; <c>cₜ = f ⊙ cₜ₋₁ + i ⊙ c̃</c>,
    /// <c>hₜ = o ⊙ tanh(cₜ)</c>.
    /// </summary>
    Lstm = 3,
}
