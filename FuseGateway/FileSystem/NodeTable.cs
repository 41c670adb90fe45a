namespace WriteCache.FuseGateway.FileSystem;

/// <summary>
/// The kernel's node ids and the paths they stand for, with the kernel's lookup counts. A path keeps its
/// node id while the kernel remembers it; after unlink the path is detached, so a file re-created
/// at the same path gets a new node (and the kernel never serves old cached pages for it).
/// </summary>
public sealed class NodeTable
{
    /// <summary>The root directory's node id, fixed by the protocol.</summary>
    public const ulong RootId = 1;

    private readonly object gate = new();
    private readonly Dictionary<ulong, Node> byId = [];
    private readonly Dictionary<string, ulong> byPath = new(StringComparer.Ordinal);
    private ulong nextId = RootId + 1;

    /// <summary>Creates a table holding the root.</summary>
    public NodeTable()
    {
        byId[RootId] = new Node(RootId, CachePath.Root, IsDirectory: true) { Lookups = 1 };
        byPath[CachePath.Root] = RootId;
    }

    /// <summary>The node with <paramref name="id"/>, or null when the kernel asks about one it forgot (a bug) or never had.</summary>
    public Node? Find(ulong id)
    {
        lock (gate)
        {
            return byId.GetValueOrDefault(id);
        }
    }

    /// <summary>The node the kernel knows <paramref name="path"/> by, or null.</summary>
    public Node? FindByPath(string path)
    {
        lock (gate)
        {
            return byPath.TryGetValue(path, out var id) ? byId.GetValueOrDefault(id) : null;
        }
    }

    /// <summary>The node for <paramref name="path"/>, created if need be, with one more lookup counted.</summary>
    public Node Remember(string path, bool isDirectory)
    {
        lock (gate)
        {
            if (!byPath.TryGetValue(path, out var id) || byId[id].IsDirectory != isDirectory)
            {
                id = nextId++;
                byId[id] = new Node(id, path, isDirectory);
                byPath[path] = id;
            }

            var node = byId[id];
            node.Lookups++;
            return node;
        }
    }

    /// <summary>The kernel dropped <paramref name="count"/> lookups of <paramref name="id"/>; at zero the node is gone.</summary>
    public void Forget(ulong id, ulong count)
    {
        lock (gate)
        {
            if (id == RootId || !byId.TryGetValue(id, out var node))
            {
                return;
            }

            node.Lookups = count >= node.Lookups ? 0 : node.Lookups - count;
            if (node.Lookups == 0)
            {
                byId.Remove(id);
                if (byPath.TryGetValue(node.Path, out var current) && current == id)
                {
                    byPath.Remove(node.Path);
                }
            }
        }
    }

    /// <summary>Unlinks <paramref name="path"/> from its node: the node lives on for open handles, the path is free.</summary>
    public void Detach(string path)
    {
        lock (gate)
        {
            byPath.Remove(path);
        }
    }

    /// <summary>After a rename, the node the kernel holds for <paramref name="from"/> stands for <paramref name="to"/>.</summary>
    public void Move(string from, string to)
    {
        lock (gate)
        {
            if (!byPath.Remove(from, out var id) || !byId.TryGetValue(id, out var node))
            {
                return;
            }

            if (byPath.Remove(to, out var replaced) && replaced != id)
            {
                byId.Remove(replaced);
            }

            byId[id] = node with { Path = to };
            byId[id].Lookups = node.Lookups;
            byPath[to] = id;
        }
    }

    /// <summary>One node: a path and whether it is a directory.</summary>
    public sealed record Node(ulong Id, string Path, bool IsDirectory)
    {
        /// <summary>Lookups the kernel holds; guarded by the table.</summary>
        public ulong Lookups { get; set; }
    }
}
