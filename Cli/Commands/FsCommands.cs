using System.CommandLine;
using WriteCache.Client.Operations;
using WriteCache.Directories;
using WriteCache.Files;
using WriteCache.Policies;

namespace WriteCache.Cli.Commands;

/// <summary><c>wcache fs ls|stat|rm|persist</c>: the namespace as the cache sees it.</summary>
public static class FsCommands
{
    /// <summary>The <c>fs</c> command and its subcommands.</summary>
    public static Command Create() => new("fs", "Files and directories in the cache") { Ls(), Stat(), Rm(), Persist() };

    private static Command Ls()
    {
        var path = new Argument<string>("PATH") { Description = "A file or directory", DefaultValueFactory = _ => "/" };
        var recursive = new Option<bool>("-R", "--recursive") { Description = "List subdirectories too" };
        var ls = new Command("ls", "List name, size, modification time and persistence state") { path, recursive };
        ls.SetAction(CommonOptions.WithCluster(async (result, client, _) =>
        {
            var names = new CacheNamespace(client);
            var rows = new List<(string Path, DirectoryEntry Entry)>();
            await foreach (var item in names.WalkAsync(CommonOptions.PathOf(result.GetRequiredValue(path)), result.GetValue(recursive)))
            {
                rows.Add(item);
            }

            if (result.GetValue(CommonOptions.Json))
            {
                Output.WriteJson(rows.Select(r => new
                {
                    path = r.Path,
                    name = r.Entry.Name,
                    type = r.Entry.Kind switch { EntryKind.Directory => "directory", EntryKind.Symlink => "symlink", _ => "file" },
                    size = r.Entry.Size,
                    modified = r.Entry.ModifiedUtc,
                    state = StateOf(r.Entry),
                }).ToList());
            }
            else
            {
                Output.WriteTable(
                    ["STATE", "SIZE", "MODIFIED", "PATH"],
                    rows.Select(r => (IReadOnlyList<string>)[StateOf(r.Entry), Output.Bytes(r.Entry.Size), Output.Time(r.Entry.ModifiedUtc), r.Entry.Kind == EntryKind.Directory ? r.Path + "/" : r.Path]));
            }

            return 0;
        }));
        return ls;
    }

    private static Command Stat()
    {
        var path = new Argument<string>("PATH") { Description = "A file" };
        var stat = new Command("stat", "Everything the cache knows of a file: incarnation, page placement by silo, persistence attempts") { path };
        stat.SetAction(CommonOptions.WithCluster(async (result, client, _) =>
        {
            var file = await new CacheNamespace(client).FileAsync(CommonOptions.PathOf(result.GetRequiredValue(path)));
            var view = FileReport.Of(file);
            var placement = view.PagesBySilo;
            if (result.GetValue(CommonOptions.Json))
            {
                Output.WriteJson(view);
                return 0;
            }

            Output.WriteTable(["FIELD", "VALUE"], [
                ["path", view.Path], ["state", view.State], ["size", Output.Bytes(view.Size)], ["policy", view.PolicyMode],
                ["incarnation", view.Incarnation.ToString("N")], ["mode", view.Mode], ["owner", $"{view.Uid}:{view.Gid}"],
                ["created", Output.Time(view.Created)], ["modified", Output.Time(view.Modified)], ["persisted", Output.Time(view.Persisted)],
                ["pages", $"{view.Pages} x {view.PageSize} bytes, {view.CopiesPerPage} cop{(view.CopiesPerPage == 1 ? "y" : "ies")} each"],
                ["placement", placement.Count == 0 ? "-" : string.Join(", ", placement.Select(p => $"{p.Key}: {p.Value}"))],
                ["attempts", view.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["last error", view.LastError ?? "-"], ["next retry", Output.Time(view.NextRetry)],
            ]);
            return 0;
        }));
        return stat;
    }

    private static Command Rm()
    {
        var path = new Argument<string>("PATH") { Description = "A file, or a directory with -R" };
        var recursive = new Option<bool>("-R", "--recursive") { Description = "Remove a directory and everything below it" };
        var rm = new Command("rm", "Remove files (and with -R directories); reports what was removed and anything left") { path, recursive };
        rm.SetAction(CommonOptions.WithCluster(async (result, client, _) =>
        {
            var target = CommonOptions.PathOf(result.GetRequiredValue(path));
            var entry = await new CacheNamespace(client).EntryAsync(target);
            if (entry.Kind == EntryKind.Directory && !result.GetValue(recursive))
            {
                throw new CliException($"{target} is a directory: use -R", 2);
            }

            var removal = new TreeRemoval(client);
            await removal.RemoveAsync(target, entry.Kind);
            Console.Out.WriteLine($"removed {removal.Files} file(s) and {removal.Directories} director{(removal.Directories == 1 ? "y" : "ies")}");
            foreach (var (left, reason) in removal.Left)
            {
                Console.Out.WriteLine($"left: {left} ({reason})");
            }

            return removal.Left.Count == 0 ? 0 : 1;
        }));
        return rm;
    }

    private static Command Persist()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files to persist now", Arity = ArgumentArity.OneOrMore };
        var wait = new Option<bool>("--wait") { Description = "Wait until each file is persisted or has failed" };
        var persist = new Command("persist", "Force pending uploads now (and with --wait, wait for them)") { paths, wait };
        persist.SetAction(CommonOptions.WithCluster(async (result, client, cancellationToken) =>
        {
            var targets = result.GetRequiredValue(paths).Select(CommonOptions.PathOf).ToList();
            var waiting = result.GetValue(wait);

            // The bar only with --wait on a terminal; redirected output stays the plain lines scripts parse.
            var bar = waiting ? ProgressBar.ForTerminal(targets.Count) : null;
            var failed = 0;
            for (var done = 0; done < targets.Count; done++)
            {
                var path = targets[done];
                var call = client.File(path).PersistNow();
                while (bar is not null && !call.IsCompleted)
                {
                    bar.Draw(done, $"uploading {path}");
                    await Task.WhenAny(call, Task.Delay(200, cancellationToken));
                }

                var outcome = await call;
                var status = outcome.Value?.Status;
                if (waiting && outcome.IsOk && status == FileStatus.Persisting)
                {
                    // Another attempt is already running: wait for it, bounded.
                    for (var i = 0; i < 600 && status == FileStatus.Persisting; i++)
                    {
                        bar?.Draw(done, $"waiting for {path} ({i / 2} s)");
                        await Task.Delay(500, cancellationToken);
                        status = (await client.File(path).GetStatus()).Value?.Status;
                    }
                }

                string line;
                if (outcome.IsOk && status is FileStatus.Persisted or FileStatus.Transient or FileStatus.Persisting)
                {
                    line = $"{status?.ToName()} {path}";
                }
                else
                {
                    failed++;
                    line = $"FAILED {path}: {outcome.Message ?? status?.ToName()}";
                }

                if (bar is null)
                {
                    Console.Out.WriteLine(line);
                }
                else
                {
                    bar.WriteLine(line);
                    bar.Draw(done + 1, failed == 0 ? string.Empty : $"{failed} failed");
                }
            }

            bar?.Clear();
            return failed == 0 ? 0 : 1;
        }));
        return persist;
    }

    /// <summary>The state column: a file's persistence state, or DIRECTORY.</summary>
    private static string StateOf(DirectoryEntry entry) => entry.Kind == EntryKind.Directory ? "DIRECTORY" : entry.Status.ToName();
}
