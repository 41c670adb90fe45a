using System.Net;
using System.Net.Sockets;

namespace WriteCache.Tests.Support;

/// <summary>Loopback ports for processes started by tests.</summary>
public static class FreePort
{
    // Below the kernel's ephemeral range (32768-60999 here), so no outgoing connection of a parallel test can take a
    // port between the moment it is handed out and the moment its process binds it (a silo once failed to start on
    // that); and below the ports scripts/cluster.sh (21110+) and the in-process test clusters (22300+) use.
    private const int First = 10_000;
    private const int Count = 11_000;

    // Each port is handed out once per test process; the start is random so runs that overlap choose apart.
    private static int next = Random.Shared.Next(Count);

    /// <summary>A port that is free on 127.0.0.1 and not yet handed to another test of this process.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Interlocked.Increment(ref next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits (bounded) until something accepts connections on <paramref name="port"/>.</summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);

                // A connect to a port nobody listens on can, in the ephemeral range, pick that same port as its own and
                // connect to itself (TCP simultaneous open): that is not a listener.
                if (((IPEndPoint)client.Client.LocalEndPoint!).Port != port)
                {
                    return true;
                }

                await Task.Delay(200);
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        return false;
    }
}
