namespace WriteCache.Tests.Support;

/// <summary>Waits for something the system does in the background, within a bound, and says what was awaited if it never happens.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 200 ms until it holds or <paramref name="timeout"/> passes; fails the test with <paramref name="what"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.True(await condition(), $"within {timeout.TotalSeconds} s: {what}");
    }
}
