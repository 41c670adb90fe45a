using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>With <c>Fuse:SillyRenameInterceptor</c> on, a file removed while open stays readable through its handle and disappears at the last close.</summary>
public sealed class SillyRenameInterceptorTests
{
    [Fact]
    public async Task RemovingAnOpenFileSucceedsAndTheFileDisappearsAfterClose()
    {
        await using var cache = await MountedCache.StartAsync("--Fuse:SillyRenameInterceptor=true");
        var file = Path.Combine(cache.Mount, "held-open.bin");
        (await Shell.BashAsync($"head -c 3000000 /dev/urandom > '{file}'")).Ok("writing the file");

        var result = await Shell.PythonAsync($$"""
            import hashlib, os, subprocess
            path = '{{file}}'
            expected = hashlib.sha256(open(path, 'rb').read()).hexdigest()
            f = open(path, 'rb')
            rm = subprocess.run(['rm', path])
            print('rm', rm.returncode)
            print('same', hashlib.sha256(f.read()).hexdigest() == expected)
            f.close()
            print('exists', os.path.exists(path))
            """);

        Assert.Equal("rm 0\nsame True\nexists False\n", result.Ok("python").Stdout);
        Assert.DoesNotContain("held-open.bin", (await Shell.BashAsync($"ls -a '{cache.Mount}'")).Ok("ls").Stdout);
    }
}
