using System.Globalization;
using System.Net;
using System.Text;
using WriteCache.Client.Operations;

namespace WriteCache.Silo.Admin;

/// <summary>
/// Renders the write-cache view's pages on the server: plain HTML with a little CSS, no script and nothing fetched from
/// elsewhere, so it works on an air-gapped node and in a text browser. Every value from the cache is HTML-encoded.
/// </summary>
public static class WriteCacheHtml
{
    private const string Style = """
        body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
        h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
        table{border-collapse:collapse;margin:.4em 0}
        th,td{border-bottom:1px solid #ddd;padding:.25em .7em;text-align:left;vertical-align:top}
        th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .state{font-family:monospace;padding:0 .3em;border-radius:3px}
        .PERSISTED{background:#d9f2d9}.NOT_PERSISTED,.PERSISTING{background:#fff1c7}.WRITING{background:#dde8ff}
        .TRANSIENT{background:#eee}.error{color:#a00}.muted{color:#777}
        """;

    /// <summary>The main page: files by state, silos, the persistence queue, failures.</summary>
    public static string Overview(WriteCacheOverview view, string viewPath, bool dashboard = true)
    {
        var html = Start($"Write cache: {view.Path}");
        var dashboardLink = dashboard ? " Orleans dashboard: <a href=\"/dashboard\">/dashboard</a>." : string.Empty;
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Files at and below <code>{E(view.Path)}</code>; refreshes every 10 s. JSON: <a href=\"{WriteCacheApi.Prefix}/overview?path={U(view.Path)}\">{WriteCacheApi.Prefix}/overview</a>.{dashboardLink}</p>");

        html.Append("<h2>Silos (page stores)</h2><table id=\"silos\"><tr><th>silo</th><th>address</th><th>capacity</th><th>used</th><th>pinned</th><th>pinned %</th><th>pinned limit</th><th>pages</th></tr>");
        foreach (var s in view.Silos)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-silo=\"{E(s.StoreName)}\"><td>{E(s.StoreName)}</td><td>{E(s.SiloAddress)}</td><td class=\"n\">{Bytes(s.CapacityBytes)}</td><td class=\"n\">{Bytes(s.UsedBytes)}</td><td class=\"n\">{Bytes(s.PinnedBytes)}</td><td class=\"n\">{s.PinnedRatio * 100:F1}</td><td class=\"n\">{Bytes(s.PinnedLimitBytes)}</td><td class=\"n\">{s.PageCount}</td></tr>");
        }

        html.Append("</table>");

        var q = view.Persistence;
        html.Append("<h2>Persistence queue</h2><table id=\"queue\"><tr><th>silo</th><th>queued</th><th>in flight</th></tr>");
        foreach (var s in q.Silos)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.StoreName)}</td><td class=\"n\">{s.Queued}</td><td class=\"n\">{s.InFlight}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</table><p id=\"queue-total\">{q.Waiting} waiting, {q.Persisting} persisting, {q.Failing.Count} failing, {Bytes(q.BytesWaiting)} bytes waiting, oldest unpersisted {q.OldestUnpersistedSeconds} s</p>");

        html.Append("<h2>Recent failures</h2>");
        if (q.Failing.Count == 0)
        {
            html.Append("<p id=\"failures\" class=\"muted\">None: no unpersisted file has a failed attempt.</p>");
        }
        else
        {
            html.Append("<table id=\"failures\"><tr><th>path</th><th>attempts</th><th>next retry</th><th>last error</th></tr>");
            foreach (var f in q.Failing.OrderByDescending(f => f.AttemptTimes.Count == 0 ? f.Modified : f.AttemptTimes[^1]))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{FileLink(f.Path, viewPath)}</td><td class=\"n\">{f.Attempts}</td><td>{Time(f.NextRetry)}</td><td class=\"error\">{E(f.LastError)}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Files by state</h2><p id=\"counts\">");
        html.Append(view.FilesByState.Count == 0 ? "No files." : string.Join(" &middot; ", view.FilesByState.Select(c => $"<span class=\"state {E(c.Key)}\">{E(c.Key)}</span> {c.Value}")));
        html.Append("</p><table id=\"files\"><tr><th>state</th><th>size</th><th>modified</th><th>path</th></tr>");
        foreach (var f in view.Files)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-path=\"{E(f.Path)}\" data-state=\"{E(f.State)}\"><td><span class=\"state {E(f.State)}\">{E(f.State)}</span></td><td class=\"n\">{Bytes(f.Size)}</td><td>{Time(f.Modified)}</td><td>{FileLink(f.Path, viewPath)}</td></tr>");
        }

        html.Append("</table>");
        if (view.Truncated)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Only the first {view.Files.Count} files are listed; ask for a narrower <code>?path=</code>.</p>");
        }

        return End(html);
    }

    /// <summary>One file's page: everything <c>wcache fs stat</c> shows, and the times of its attempts.</summary>
    public static string File(FileReport file, string viewPath)
    {
        var html = Start($"Write cache: {file.Path}");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{viewPath}\">&larr; all files</a> &middot; JSON: <a href=\"{WriteCacheApi.Prefix}/file?path={U(file.Path)}\">{WriteCacheApi.Prefix}/file</a></p>");
        var placement = file.PagesBySilo.Count == 0 ? "-" : string.Join(", ", file.PagesBySilo.Select(p => $"{p.Key}: {p.Value}"));
        (string Field, string Html)[] rows =
        [
            ("path", E(file.Path)),
            ("state", $"<span class=\"state {E(file.State)}\">{E(file.State)}</span>"),
            ("size", Bytes(file.Size)),
            ("policy", E(file.PolicyMode)),
            ("incarnation", file.Incarnation.ToString("N")),
            ("mode", E(file.Mode)),
            ("owner", $"{file.Uid}:{file.Gid}"),
            ("created", Time(file.Created)),
            ("modified", Time(file.Modified)),
            ("persisted", Time(file.Persisted)),
            ("pages", $"{file.Pages} x {Bytes(file.PageSize)}, {file.CopiesPerPage} cop{(file.CopiesPerPage == 1 ? "y" : "ies")} each"),
            ("placement", E(placement)),
            ("attempts", file.Attempts.ToString(CultureInfo.InvariantCulture)),
            ("last error", file.LastError is null ? "-" : $"<span class=\"error\">{E(file.LastError)}</span>"),
            ("next retry", Time(file.NextRetry)),
            ("attempt times", file.AttemptTimes.Count == 0 ? "-" : string.Join("<br>", file.AttemptTimes.Select(t => Time(t)))),
        ];
        html.Append("<table id=\"file\">");
        foreach (var (field, value) in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-field=\"{field}\"><th>{field}</th><td>{value}</td></tr>");
        }

        html.Append("</table>");
        return End(html);
    }

    /// <summary>A page that says what went wrong (no such file, bad path).</summary>
    public static string Problem(string title, string message, string viewPath)
    {
        var html = Start(title);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"error\">{E(message)}</p><p><a href=\"{viewPath}\">&larr; all files</a></p>");
        return End(html);
    }

    private static StringBuilder Start(string title)
    {
        var html = new StringBuilder(8192);
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"10\"><title>{E(title)}</title><style>{Style}</style></head><body><h1>{E(title)}</h1>");
        return html;
    }

    private static string End(StringBuilder html) => html.Append("</body></html>").ToString();

    private static string FileLink(string path, string viewPath) => $"<a href=\"{viewPath}/file?path={U(path)}\">{E(path)}</a>";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string U(string text) => Uri.EscapeDataString(text);

    private static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
