namespace WriteCache.Cli.Commands;

/// <summary>
/// A one-line progress bar redrawn in place with carriage returns, for people at a terminal. Result lines are printed
/// above it, so what scripts see when output is redirected (the lines alone, no bar) is also what stays on screen.
/// </summary>
public sealed class ProgressBar(TextWriter output, int total)
{
    private const int Width = 30;
    private static readonly char[] Spinner = ['|', '/', '-', '\\'];
    private int drawnLength;
    private int frame;

    /// <summary>A bar on the console when stdout is a terminal; null when it is redirected (plain lines only).</summary>
    public static ProgressBar? ForTerminal(int total) => Console.IsOutputRedirected ? null : new ProgressBar(Console.Out, total);

    /// <summary>Redraws the bar: <paramref name="done"/> of the total finished, <paramref name="activity"/> after it.</summary>
    public void Draw(int done, string activity)
    {
        var filled = total == 0 ? Width : done * Width / total;
        var line = $"[{new string('#', filled)}{new string('-', Width - filled)}] {done}/{total} {Spinner[frame++ % Spinner.Length]} {activity}";
        var room = ConsoleWidth() - 1;
        if (line.Length > room)
        {
            line = line[..room];
        }

        // Pad over what the previous, longer line left behind.
        output.Write("\r" + line.PadRight(drawnLength));
        drawnLength = line.Length;
        output.Flush();
    }

    /// <summary>Prints <paramref name="line"/> where the bar was; the next <see cref="Draw"/> puts the bar below it.</summary>
    public void WriteLine(string line)
    {
        Clear();
        output.WriteLine(line);
    }

    /// <summary>Removes the bar, leaving the cursor at the start of its line.</summary>
    public void Clear()
    {
        output.Write("\r" + new string(' ', drawnLength) + "\r");
        drawnLength = 0;
        output.Flush();
    }

    private static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
