using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>
/// Which names the mount takes: up to 255 bytes of UTF-8 (Linux's NAME_MAX, which a local-directory UFS enforces),
/// refused with ENAMETOOLONG beyond that and EILSEQ when not UTF-8, before anything is cached that could never be
/// persisted.
/// </summary>
[Collection(MountedCacheCollection.Name)]
public sealed class NameTests(MountedCacheFixture fixture)
{
    private MountedCache Cache => fixture.Cache;

    [Fact]
    public async Task ANameOf255BytesOfUtf8IsWrittenAndPersistedUnderThatName()
    {
        // 127 two-byte characters and one ASCII letter: 128 characters, 255 bytes.
        var directory = Path.Combine(Cache.Mount, "longest");
        Directory.CreateDirectory(directory);
        var name = new string('é', 127) + "x";
        var result = await Shell.PythonAsync($$"""
            import os
            d = '{{directory}}'
            name = '{{name}}'
            assert len(name.encode()) == 255
            with open(os.path.join(d, name), 'xb') as f:
                f.write(b'longest name')
            print(os.listdir(d) == [name], open(os.path.join(d, name), 'rb').read().decode())
            """);

        Assert.Equal("True longest name", result.Ok("python").Stdout.Trim());
        Assert.Equal("longest name", File.ReadAllText(Path.Combine(Cache.Ufs, "longest", name)));
    }

    [Fact]
    public async Task ANameLongerThan255BytesIsRefusedWithEnametoolongAndLeavesNothingBehind()
    {
        // 128 characters, as many as the longest name above, but 256 bytes.
        var directory = Path.Combine(Cache.Mount, "too-long");
        Directory.CreateDirectory(directory);
        var result = await Shell.PythonAsync($$"""
            import errno, os
            d = '{{directory}}'
            name = os.path.join(d, 'é' * 128)
            def run(call):
                try:
                    call()
                    return 'OK'
                except OSError as e:
                    return errno.errorcode[e.errno]
            print(run(lambda: open(name, 'xb').close()), run(lambda: os.mkdir(name)),
                  run(lambda: os.symlink('target', name)), run(lambda: os.stat(name)), os.listdir(d))
            """);

        Assert.Equal("ENAMETOOLONG ENAMETOOLONG ENAMETOOLONG ENAMETOOLONG []", result.Ok("python").Stdout.Trim());
    }

    [Fact]
    public async Task ANameThatIsNotUtf8IsRefusedWithEilseq()
    {
        // Names become grain keys and S3 keys as strings: decoding "caf\xe9" and "caf\xe8" would alias them.
        var directory = Path.Combine(Cache.Mount, "latin-1");
        Directory.CreateDirectory(directory);
        var result = await Shell.PythonAsync($$"""
            import errno, os
            d = b'{{directory}}'
            try:
                open(os.path.join(d, b'caf\xe9'), 'xb').close()
                print('OK')
            except OSError as e:
                print(errno.errorcode[e.errno], os.listdir(d))
            """);

        Assert.Equal("EILSEQ []", result.Ok("python").Stdout.Trim());
    }
}
