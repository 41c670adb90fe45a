using System.Text.Json;
using System.Text.Json.Serialization;

namespace WriteCache.Cli.Commands;

/// <summary>How the CLI prints: aligned plain text for people, JSON (camelCase, indented) for scripts.</summary>
public static class Output
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Writes <paramref name="value"/> as JSON.</summary>
    public static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Json));

    /// <summary>Writes rows as columns padded to their widest cell; the last column is not padded.</summary>
    public static void WriteTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        foreach (var row in all)
        {
            Console.Out.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Count - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }
    }

    /// <summary>A size in bytes, exact.</summary>
    public static string Bytes(long bytes) => bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A UTC time as ISO 8601 to the second.</summary>
    public static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
