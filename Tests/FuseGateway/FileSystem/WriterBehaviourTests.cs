using WriteCache.Tests.Support;

namespace WriteCache.Tests.FuseGateway.FileSystem;

/// <summary>How real writers close files: only the writer's own last close commits.</summary>
[Collection(MountedCacheCollection.Name)]
public sealed class WriterBehaviourTests(MountedCacheFixture fixture)
{
    [Fact]
    public async Task AForkedChildClosingItsInheritedDescriptorDoesNotCommitTheParentsFile()
    {
        var file = Path.Combine(fixture.Mount, "spawning-writer.bin");
        var result = await Shell.PythonAsync($$"""
            import hashlib, os, subprocess
            f = open('{{file}}', 'wb')
            first = os.urandom(3 * 1024 * 1024 + 11)
            f.write(first); f.flush()
            # The child inherits the descriptor and closes it on exit: a FLUSH from another process.
            subprocess.run(['true'], close_fds=False, check=True)
            second = os.urandom(2 * 1024 * 1024)
            f.write(second)
            f.close()
            data = open('{{file}}', 'rb').read()
            print(hashlib.sha256(data).hexdigest() == hashlib.sha256(first + second).hexdigest(), len(data))
            """);

        Assert.Equal($"True {(3 * 1024 * 1024) + 11 + (2 * 1024 * 1024)}", result.Ok("python").Stdout.Trim());
    }

    [Fact]
    public async Task AFileOpenedOnOneThreadAndClosedOnAnotherIsCommittedAtThatClose()
    {
        var file = Path.Combine(fixture.Mount, "threaded-writer.bin");
        var result = await Shell.PythonAsync($$"""
            import errno, os, threading
            fd = os.open('{{file}}', os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            os.write(fd, os.urandom(200000))
            closer = threading.Thread(target=lambda: os.close(fd))
            closer.start(); closer.join()
            try:
                os.open('{{file}}', os.O_WRONLY | os.O_APPEND)
                print('reopened')
            except OSError as e:
                print(errno.errorcode[e.errno])
            """);

        Assert.Equal("EACCES", result.Ok("python").Stdout.Trim());
    }

    [Fact]
    public async Task AFileIsCommittedWhenCloseReturns()
    {
        var file = Path.Combine(fixture.Mount, "committed-at-close.bin");
        (await Shell.BashAsync($"head -c 1000000 /dev/urandom > '{file}'")).Ok("writing");

        // Once close returned, a second open for writing meets a write-once file.
        var reopen = await Shell.BashAsync($"printf more >> '{file}'");

        Assert.NotEqual(0, reopen.ExitCode);
        Assert.Contains("Permission denied", reopen.Stderr);
    }

    [Fact]
    public async Task ASharedWritableMappingOfAFileBeingWrittenIsRefusedAtMmapSoNoWriteCanArriveAfterItsClose()
    {
        // numpy.memmap(mode='w+') maps the file and closes it before the array is written: had the mapping been
        // allowed, its pages would reach the gateway after the close that committed the file, and be refused there.
        var file = Path.Combine(fixture.Mount, "mapped.bin");
        var result = await Shell.PythonAsync($$"""
            import errno, mmap, os
            with open('{{file}}', 'wb+') as f:
                f.write(b'header and body'); f.flush()
                try:
                    mmap.mmap(f.fileno(), 6)
                    print('shared map allowed')
                except OSError as e:
                    print(errno.errorcode[e.errno])
            with open('{{file}}', 'rb') as f:
                private = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)
                private[0:6] = b'HEADER'               # copy-on-write: stays in this process
                private.close()
                shared = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
                print(shared[:].decode())
            """);

        Assert.Equal(["ENODEV", "header and body"], result.Ok("python").Stdout.Trim().Split('\n'));
    }

    [Fact]
    public async Task HolesAndRegionsCutByFtruncateReadAsZerosNeverAsBytesOfEarlierFiles()
    {
        // Earlier files fill the writer's recycled page buffers with 0xFF; a later file's holes must not show them.
        var directory = Path.Combine(fixture.Mount, "holes");
        Directory.CreateDirectory(directory);
        var result = await Shell.PythonAsync($$"""
            import os
            d = '{{directory}}'
            for i in range(4):
                with open(f'{d}/full-{i}', 'wb') as f:
                    f.write(b'\xff' * (1024 * 1024 + 4096))
            expected = bytearray(300000)
            fd = os.open(f'{d}/holes', os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
            os.pwrite(fd, b'abc', 0); expected[0:3] = b'abc'
            os.pwrite(fd, b'x' * 10, 100000)
            os.ftruncate(fd, 50)                      # cuts the x's off again
            os.ftruncate(fd, 200000)                  # and grows: 50..200000 is a hole
            os.pwrite(fd, b'y', 150000); expected[150000] = ord('y')
            os.pwrite(fd, b'z', 299999); expected[299999] = ord('z')
            before = os.pread(fd, 400000, 0)          # read-your-writes, before the commit
            os.close(fd)
            after = open(f'{d}/holes', 'rb').read()
            print(before == bytes(expected), after == bytes(expected), len(after))
            """);

        Assert.Equal("True True 300000", result.Ok("python").Stdout.Trim());
    }
}
