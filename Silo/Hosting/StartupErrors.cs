using Microsoft.Extensions.Options;

namespace WriteCache.Silo.Hosting;

/// <summary>Recognizes start-up failures caused by configuration and says them in one line.</summary>
public static class StartupErrors
{
    /// <summary>The one-line description of a configuration failure in <paramref name="exception"/>'s chain, or null for any other failure.</summary>
    public static string? Describe(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ConfigurationException c:
                    return c.Message;
                case OptionsValidationException v:
                    return string.Join("; ", v.Failures);
                case InvalidOperationException i when i.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    return i.Message;
                case AggregateException a when a.InnerExceptions.Count > 0:
                    return a.InnerExceptions.Select(Describe).FirstOrDefault(m => m is not null);
            }
        }

        return null;
    }
}
