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
    public async Task AFileWhosePathInTheLocalUfsWouldPassPathMaxIsRefusedWithEnametoolongAtCreate()
    {
        // Directories of 250-byte names, walked into one at a time (each syscall's path stays short), until the
        // directory's path in the UFS is 4,000 bytes: a short name still fits under PATH_MAX (4,096 with the NUL,
        // the upload's 44-byte temp name beside it included); a 100-byte one would not.
        var result = await Shell.PythonAsync($$"""
            import errno, os
            ufs = '{{Cache.Ufs}}'
            os.chdir('{{Cache.Mount}}')
            os.mkdir('deep'); os.chdir('deep')
            left = 4000 - len(ufs.encode()) - len('/deep')
            while left > 253:
                os.mkdir('d' * 250); os.chdir('d' * 250); left -= 251
            os.mkdir('e' * (left - 1)); os.chdir('e' * (left - 1))
            here = os.path.join(ufs, os.path.relpath(os.getcwd(), '{{Cache.Mount}}'))
            assert len(here.encode()) == 4000, len(here.encode())
            with open('short.bin', 'xb') as f:
                f.write(b'fits')
            try:
                with open('n' * 100, 'xb') as f:
                    f.write(b'does not fit')
                print('OK')
            except OSError as e:
                print(errno.errorcode[e.errno], sorted(os.listdir('.')))
            os.chdir(here)
            print(open('short.bin', 'rb').read().decode())
            """);

        Assert.Equal(["ENAMETOOLONG ['short.bin']", "fits"], result.Ok("python").Stdout.Trim().Split('\n'));
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
