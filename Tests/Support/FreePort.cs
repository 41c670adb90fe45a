using System.Net;
using System.Net.Sockets;

namespace WriteCache.Tests.Support;

/// <summary>Loopback ports for processes started by tests.</summary>
public static class FreePort
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

                // Ports from Next() are in the ephemeral range, where a connect to a port nobody listens on can pick
                // that same port as its own and connect to itself (TCP simultaneous open): that is not a listener.
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
