using System.Numerics;

namespace GenNet.Numerics;

/// <summary>
/// A scalar function as a type, so that <see cref="ILanes{TSelf, T}.Map{TFunction}"/> can apply it lane by lane without a
/// delegate: the fallback for functions (activations without a lane form, exp on .NET 8) that have no vector form.
/// </summary>
public interface IScalarFunction
{
    /// <summary>f(x) for one value.</summary>
    static abstract T Invoke<T>(T x) where T : IFloatingPointIeee754<T>;
}
