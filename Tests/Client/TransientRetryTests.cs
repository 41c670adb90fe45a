using WriteCache.Client;

namespace WriteCache.Tests.Client;

/// <summary>
/// How the gateway repeats grain calls that met a departing silo. The failures here are injected: a silo that dies
/// after doing the work but before answering cannot be produced on demand by a real cluster.
/// </summary>
public sealed class TransientRetryTests
{
    [Fact]
    public async Task AChangeAnsweredAtOnceIsNotCountedAsRepeated()
    {
        var attempts = 0;

        var (result, repeated) = await TransientRetry.RunChangeAsync(() =>
        {
            attempts++;
            return Task.FromResult("done");
        });

        Assert.Equal(("done", false), (result, repeated));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task AChangeWhoseSiloWentAwayIsRepeatedAndSaysSoSoALostAnswerCanBeRecognized()
    {
        var attempts = 0;

        var (result, repeated) = await TransientRetry.RunChangeAsync(() =>
        {
            attempts++;
            // The first attempt did its work on a silo that died before answering; the repeat finds it done.
            return attempts == 1 ? Task.FromException<CacheResult>(new SiloUnavailableException("silo-2 is gone")) : Task.FromResult(CacheResult.Fail(CacheError.NotFound, "no file"));
        });

        Assert.True(repeated);
        Assert.Equal(CacheError.NotFound, result.Error);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task AFailureOfTheCallItselfIsNotRepeated()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => TransientRetry.RunChangeAsync<CacheResult>(() =>
        {
            attempts++;
            throw new InvalidOperationException("a bug, not a departing silo");
        }));

        Assert.Equal(1, attempts);
    }
}
