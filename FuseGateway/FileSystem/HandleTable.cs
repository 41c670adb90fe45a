namespace WriteCache.FuseGateway.FileSystem;

/// <summary>Open file and directory handles by the number the kernel hands back to us.</summary>
public sealed class HandleTable
{
    private readonly object gate = new();
    private readonly Dictionary<ulong, OpenHandle> handles = [];
    private readonly Dictionary<ulong, ActiveWrite> writesByNode = [];
    private ulong next = 1;

    /// <summary>Registers a handle and returns its number.</summary>
    public ulong Add(OpenHandle handle)
    {
        lock (gate)
        {
            var id = next++;
            handles[id] = handle;
            if (handle is WriteHandle write)
            {
                write.Write.Handles++;
                writesByNode[handle.NodeId] = write.Write;
            }

            return id;
        }
    }

    /// <summary>The handle numbered <paramref name="id"/>, or null.</summary>
    public OpenHandle? Find(ulong id)
    {
        lock (gate)
        {
            return handles.GetValueOrDefault(id);
        }
    }

    /// <summary>The write in progress on <paramref name="nodeId"/>, or null.</summary>
    public ActiveWrite? WriteOf(ulong nodeId)
    {
        lock (gate)
        {
            return writesByNode.GetValueOrDefault(nodeId);
        }
    }

    /// <summary>True when any handle is open on <paramref name="nodeId"/>.</summary>
    public bool IsOpen(ulong nodeId)
    {
        lock (gate)
        {
            return handles.Values.Any(h => h.NodeId == nodeId);
        }
    }

    /// <summary>Removes a handle; returns it, and for the last write handle of a node also the write it shared.</summary>
    public (OpenHandle? Handle, ActiveWrite? LastWrite) Remove(ulong id)
    {
        lock (gate)
        {
            if (!handles.Remove(id, out var handle))
            {
                return (null, null);
            }

            if (handle is WriteHandle write && --write.Write.Handles == 0)
            {
                writesByNode.Remove(handle.NodeId);
                return (handle, write.Write);
            }

            return (handle, null);
        }
    }
}
