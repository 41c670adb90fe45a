using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using WriteCache.Silo.Hosting;

namespace WriteCache.Silo.Admin;

/// <summary>
/// Guards the mutating admin endpoints: <c>Authorization: Bearer TOKEN</c> with <c>Admin:Token</c>. No credentials is 401,
/// a wrong token 403, and with no token configured every mutating request is 403, so a silo is never writable by accident.
/// </summary>
public sealed class AdminTokenFilter(AdminOptions options) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    private readonly byte[] expected = Encoding.UTF8.GetBytes(options.Token);

    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!options.HasToken)
        {
            return Refuse(StatusCodes.Status403Forbidden, "mutating admin requests are disabled on this silo: set Admin:Token to allow them");
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Refuse(StatusCodes.Status401Unauthorized, "this request changes the cache: send Authorization: Bearer <Admin:Token>");
        }

        // Constant time, so the comparison does not tell how much of a guess was right.
        var given = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return Refuse(StatusCodes.Status403Forbidden, "wrong admin token");
        }

        return next(context);
    }

    private static ValueTask<object?> Refuse(int status, string message) =>
        ValueTask.FromResult<object?>(Results.Json(new { error = message }, statusCode: status));
}
