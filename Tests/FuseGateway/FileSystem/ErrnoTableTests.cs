using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>Every row of the errno table in ARCHITECTURE.md, checked with real syscalls on the real mount.</summary>
[Collection(MountedCacheCollection.Name)]
public sealed class ErrnoTableTests(MountedCacheFixture cache)
{
    /// <summary>A Python program that runs one syscall and prints its errno name, or OK.</summary>
    private const string Probe = """
        import errno, os, sys
        names = dict(errno.errorcode)
        names[errno.EOPNOTSUPP] = "EOPNOTSUPP"  # Linux gives ENOTSUP the same number
        def run(call):
            try:
                call()
                print("OK")
            except OSError as e:
                print(names[e.errno])
        """;

    [Fact]
    public async Task RenameOfAFileIsEio()
    {
        var file = await CommittedFileAsync("rename-me.txt");
        Assert.Equal("EIO", await SyscallAsync($"os.rename('{file}', '{file}.new')"));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task RenameOfADirectoryIsEio()
    {
        var directory = Path.Combine(cache.Mount, "rename-dir");
        Directory.CreateDirectory(directory);
        Assert.Equal("EIO", await SyscallAsync($"os.rename('{directory}', '{directory}2')"));
    }

    [Fact]
    public async Task ExclusiveCreateOfAnExistingFileIsEexist()
    {
        var file = await CommittedFileAsync("exists.txt");
        Assert.Equal("EEXIST", await SyscallAsync($"os.open('{file}', os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)"));
    }

    [Theory]
    [InlineData("os.O_WRONLY")]
    [InlineData("os.O_RDWR")]
    [InlineData("os.O_WRONLY | os.O_APPEND")]
    [InlineData("os.O_WRONLY | os.O_CREAT")]
    [InlineData("os.O_WRONLY | os.O_TRUNC")]
    public async Task OpeningAClosedFileForWritingIsEacces(string flags)
    {
        var file = await CommittedFileAsync($"closed-{Math.Abs(flags.GetHashCode())}.txt");
        Assert.Equal("EACCES", await SyscallAsync($"os.open('{file}', {flags})"));
        Assert.Equal("committed", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task TruncateOfAClosedFileIsEacces()
    {
        var file = await CommittedFileAsync("truncate-me.txt");
        Assert.Equal("EACCES", await SyscallAsync($"os.truncate('{file}', 0)"));
        Assert.Equal("EACCES", await SyscallAsync($"os.truncate('{file}', 100)"));
        Assert.Equal("committed", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task LinkIsEopnotsupp()
    {
        var file = await CommittedFileAsync("link-source.txt");
        Assert.Equal("EOPNOTSUPP", await SyscallAsync($"os.link('{file}', '{file}.link')"));
    }

    [Fact]
    public async Task RemovingANonEmptyDirectoryIsEnotempty()
    {
        var directory = Path.Combine(cache.Mount, "full-dir");
        Directory.CreateDirectory(directory);
        await CommittedFileAsync("full-dir/child.txt");
        Assert.Equal("ENOTEMPTY", await SyscallAsync($"os.rmdir('{directory}')"));
    }

    [Fact]
    public async Task AShellRedirectWritesAFileThatReadsBack()
    {
        // Shells dup2 the new file onto stdout and close the original descriptor before writing.
        var file = Path.Combine(cache.Mount, "redirect.txt");
        (await Shell.BashAsync($"echo 'via the shell' > '{file}' && cat '{file}'")).Ok("echo > file");
        Assert.Equal("via the shell\n", await File.ReadAllTextAsync(file));
    }

    private async Task<string> CommittedFileAsync(string name)
    {
        var path = Path.Combine(cache.Mount, name);
        (await Shell.BashAsync($"printf committed > '{path}'")).Ok($"writing {name}");
        return path;
    }

    private async Task<string> SyscallAsync(string call)
    {
        var result = await Shell.PythonAsync($"{Probe}\nrun(lambda: {call})");
        return result.Ok(call).Stdout.Trim();
    }
}
