using System;
using System.Numerics;
using GenNet.Activations;
using Xunit;

namespace GenNet.Tests;

/// <summary>SiLU and GELU against finite differences, and <see cref="ActivationCheck"/> catching a wrong derivative.</summary>
public sealed class ActivationCheckTests
{
    [Fact]
    public void The_built_in_derivatives_match_central_differences()
    {
        Assert.True(ActivationCheck.DerivativeFromInput<SiLU>() < 1e-8);
        Assert.True(ActivationCheck.DerivativeFromInput<GELU>() < 1e-8);
        Assert.True(ActivationCheck.Derivative<Sigmoid>() < 1e-8);
        Assert.True(ActivationCheck.Derivative<Tanh>() < 1e-8);
    }

    [Fact]
    public void Known_values()
    {
        Assert.Equal(0.7310585786300049, SiLU.Activate(1.0), 15);       // 1·σ(1)
        Assert.Equal(0.8411919906082768, GELU.Activate(1.0), 15);       // PyTorch gelu(1, approximate='tanh')
        Assert.Equal(0.5, SiLU.DerivativeFromInput(0.0, 0.0), 15);
        Assert.Equal(0.5, GELU.DerivativeFromInput(0.0, 0.0), 15);
    }

    [Fact]
    public void A_wrong_derivative_is_reported_with_where_and_both_values()
    {
        var error = Assert.Throws<ArgumentException>(() => ActivationCheck.Derivative<WrongSoftplus>());
        Assert.Contains("WrongSoftplus's derivative at x = -6 is", error.Message);
        Assert.Contains("central differences give", error.Message);
    }

    // Softplus with the derivative of the sigmoid written from the output, which is not softplus's.
    private readonly struct WrongSoftplus : IActivation
    {
        public static T Activate<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.One + T.Exp(x));

        public static T DerivativeFromOutput<T>(T y) where T : IFloatingPointIeee754<T> => y * (T.One - y);
    }
}
