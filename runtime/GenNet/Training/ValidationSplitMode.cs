namespace GenNet.Training;

/// <summary>Which rows <see cref="TrainingOptions{T}.ValidationSplit"/> holds out for validation.</summary>
public enum ValidationSplitMode
{
    /// <summary>
    /// The default: a random subset drawn with <see cref="TrainingOptions{T}.ShuffleSeed"/> (the same seed holds out the
    /// same rows), so that data sorted by class or by time still gives a validation set that looks like the training set.
    /// When the targets are classes (every row one-hot, or a single output that is 0 or 1) the subset is stratified: each
    /// class is held out in proportion to its rows. Both sets keep the rows in their original order.
    /// </summary>
    Shuffled = 0,

    /// <summary>The last rows, before any shuffling, as Keras's <c>validation_split</c> takes them (what GenNet did before this option existed).</summary>
    Last = 1,
}
