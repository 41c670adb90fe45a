using WriteCache.Directories;
using WriteCache.Files;

namespace WriteCache.Cli.Commands;

/// <summary>Removes a file or a tree depth first, counting what went and recording exactly what is left and why; a repeat run finishes the rest.</summary>
public sealed class TreeRemoval(IClusterClient client)
{
    /// <summary>Files removed.</summary>
    public int Files { get; private set; }

    /// <summary>Directories removed.</summary>
    public int Directories { get; private set; }

    /// <summary>What could not be removed, and why.</summary>
    public List<(string Path, string Reason)> Left { get; } = [];

    /// <summary>Removes <paramref name="path"/>; a directory only once everything below it is gone.</summary>
    public async Task RemoveAsync(string path, EntryKind kind)
    {
        if (kind != EntryKind.Directory)
        {
            var deleted = await client.File(path).Delete();
            if (deleted.IsOk)
            {
                Files++;
            }
            else
            {
                Left.Add((path, deleted.Message ?? deleted.Error.ToString()));
            }

            return;
        }

        var listed = await client.Directory(path).List();
        if (!listed.IsOk)
        {
            Left.Add((path, listed.Message ?? listed.Error.ToString()));
            return;
        }

        foreach (var child in listed.Value!)
        {
            await RemoveAsync(CachePath.Combine(path, child.Name), child.Kind);
        }

        if (path == CachePath.Root)
        {
            return;
        }

        var removed = await client.Directory(CachePath.Parent(path)).RemoveDirectory(CachePath.Name(path));
        if (removed.IsOk)
        {
            Directories++;
        }
        else if (!Left.Any(l => CachePath.IsUnder(l.Path, path)))
        {
            // Only worth saying when nothing below explains it.
            Left.Add((path, removed.Message ?? removed.Error.ToString()));
        }
    }
}
