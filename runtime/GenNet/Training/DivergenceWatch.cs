using System.Numerics;

namespace GenNet.Training;

/// <summary>
/// Watches the epoch errors of a run for the blog's divergence: the error rising above where it started and staying
/// there ("the error increasing instead of decreasing… hardlining at 0.5"). One comparison per epoch, no allocation.
/// </summary>
/// <remarks>
/// Only a sustained rise counts: a learning rate that is large but workable (the blog's α = 100 with 4 hidden neurons)
/// overshoots above the start for a few steps and comes back; the runs that diverge stay above for tens of thousands.
/// </remarks>
internal struct DivergenceWatch<T>(int patience)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T _start = T.NaN;
    private int _risingEpochs;

    /// <summary>The iteration that ended the first epoch of the current rise; −1 when the error is not above its start.</summary>
    public int RisingSince { get; private set; } = -1;

    /// <summary>The error has been above its start for at least the patience, in epochs.</summary>
    public readonly bool Diverging => patience > 0 && _risingEpochs >= patience;

    /// <summary>Takes the mean error of the epoch that ended at <paramref name="iteration"/>.</summary>
    public void Observe(T epochError, int iteration)
    {
        if (T.IsNaN(_start))
        {
            _start = epochError;
        }
        else if (epochError > _start)
        {
            if (_risingEpochs++ == 0)
            {
                RisingSince = iteration;
            }
        }
        else
        {
            _risingEpochs = 0;
            RisingSince = -1;
        }
    }
}
