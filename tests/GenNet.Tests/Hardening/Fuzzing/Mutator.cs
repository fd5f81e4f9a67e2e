using System;

namespace GenNet.Tests.Hardening.Fuzzing;

/// <summary>
/// Seeded byte-level damage for file-format fuzzing: the kinds of harm a file meets on its way (cut short, bits
/// flipped, ranges overwritten, bytes inserted or lost, garbage appended) plus plain random bytes. The same seed gives
/// the same sequence of files on every machine (<see cref="Random"/> with a seed is a fixed algorithm).
/// </summary>
internal sealed class Mutator(int seed)
{
    /// <summary>The kinds of damage, in the order <see cref="Next"/> cycles through them.</summary>
    public enum Damage
    {
        Truncate,
        FlipBits,
        OverwriteRange,
        Insert,
        Delete,
        Append,
        RandomBytes,
    }

    public static readonly int DamageKinds = Enum.GetValues<Damage>().Length;

    public Random Random { get; } = new(seed);

    /// <summary>A damaged copy of <paramref name="file"/>; trial <paramref name="trial"/> picks the kind of damage.</summary>
    public byte[] Next(byte[] file, int trial, out Damage damage)
    {
        damage = (Damage)(trial % DamageKinds);
        return Apply(file, damage);
    }

    public byte[] Apply(byte[] file, Damage damage)
    {
        Random r = Random;
        switch (damage)
        {
            case Damage.Truncate:
                return file[..r.Next(file.Length)];

            case Damage.FlipBits:
            {
                byte[] copy = (byte[])file.Clone();
                int flips = 1 + r.Next(8);
                for (int k = 0; k < flips; k++)
                {
                    copy[r.Next(copy.Length)] ^= (byte)(1 << r.Next(8));
                }

                return copy;
            }

            case Damage.OverwriteRange:
            {
                byte[] copy = (byte[])file.Clone();
                int start = r.Next(copy.Length);
                r.NextBytes(copy.AsSpan(start, 1 + r.Next(Math.Min(32, copy.Length - start))));
                return copy;
            }

            case Damage.Insert:
            {
                int at = r.Next(file.Length + 1);
                byte[] extra = new byte[1 + r.Next(16)];
                r.NextBytes(extra);
                return [.. file.AsSpan(0, at), .. extra, .. file.AsSpan(at)];
            }

            case Damage.Delete:
            {
                int start = r.Next(file.Length);
                int count = 1 + r.Next(Math.Min(16, file.Length - start));
                return [.. file.AsSpan(0, start), .. file.AsSpan(start + count)];
            }

            case Damage.Append:
            {
                byte[] extra = new byte[1 + r.Next(64)];
                r.NextBytes(extra);
                return [.. file, .. extra];
            }

            default:
            {
                byte[] noise = new byte[r.Next(2 * file.Length)];
                r.NextBytes(noise);
                return noise;
            }
        }
    }
}
