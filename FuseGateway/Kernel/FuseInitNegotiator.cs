using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.FuseGateway.Kernel;

/// <summary>Turns the kernel's INIT offer and our options into the init_out we answer with.</summary>
internal static class FuseInitNegotiator
{
    /// <summary>Capabilities we always want when offered, each for the reason given.</summary>
    private const FuseInitFlags Always =
        FuseInitFlags.AsyncRead         // several reads of one file at once: readahead runs in parallel, handlers are async.
        | FuseInitFlags.BigWrites       // writes above 4 KiB (implied on modern kernels, needed on old ones).
        | FuseInitFlags.MaxPages        // honour max_pages = 256, so dd bs=1M arrives as one 1 MiB WRITE instead of eight.
        | FuseInitFlags.ParallelDirops  // lookups/readdir in one directory concurrently; the file system serialises what it must.
        | FuseInitFlags.AsyncDio        // split large O_DIRECT I/O into parallel requests.
        | FuseInitFlags.CacheSymlinks   // symlink targets never change in place, so the page cache may keep them.
        | FuseInitFlags.NoOpenSupport   // only takes effect if OPEN answers ENOSYS: then opens cost no round trip.
        | FuseInitFlags.NoOpendirSupport; // same for OPENDIR.

    // Deliberately never asked for:
    //   PosixLocks, FlockLocks   - no lock operations; the kernel then keeps locks local to this host.
    //   ExportSupport            - we do not answer LOOKUP of "." and "..", so NFS re-export is not offered.
    //   DontMask                 - let the kernel apply the umask; the file system sees final modes.
    //   Splice*                  - requests land in managed buffers; splicing through pipes would need a copy anyway.
    //   HandleKillpriv(V2)       - the kernel clears suid/sgid itself on write and chown.
    //   PosixAcl, SetxattrExt    - no xattr support.
    //   AbortError               - keep ENOTCONN after an abort, which is what stale-mount detection looks for.
    //   SecurityCtx, CreateSuppGroup - would append extensions to create requests that we would have to parse.
    //   ExplicitInvalData, MapAlignment, Submounts, HasInodeDax, Passthrough - not used (passthrough is worth measuring later).

    /// <summary>Computes the reply to <paramref name="offer"/>.</summary>
    public static FuseInitOutcome Negotiate(in FuseInitIn offer, FuseConnectionOptions options, out FuseInitOut reply, out FuseInitInfo? info)
    {
        reply = new FuseInitOut { Major = FuseAbi.KernelVersion, Minor = FuseAbi.MaxMinorVersion };
        info = null;
        if (offer.Major > FuseAbi.KernelVersion)
        {
            return FuseInitOutcome.AskForOlderMajor;
        }

        if (offer.Major < FuseAbi.KernelVersion || offer.Minor < FuseAbi.MinMinorVersion)
        {
            return FuseInitOutcome.Unsupported;
        }

        var offered = (FuseInitFlags)offer.Flags;
        if ((offered & FuseInitFlags.InitExt) != 0)
        {
            offered |= (FuseInitFlags)((ulong)offer.Flags2 << 32);
        }

        var wanted = Always;
        if (options.ReadDirPlus)
        {
            wanted |= FuseInitFlags.DoReaddirplus | FuseInitFlags.ReaddirplusAuto;
        }

        if (options.WritebackCache)
        {
            wanted |= FuseInitFlags.WritebackCache;
        }

        if (options.AtomicOTrunc)
        {
            wanted |= FuseInitFlags.AtomicOTrunc;
        }

        if (options.AutoInvalidateData)
        {
            wanted |= FuseInitFlags.AutoInvalData;
        }

        var granted = wanted & offered;
        if ((ulong)granted >> 32 != 0)
        {
            // High bits only reach the kernel through flags2, which it reads only with INIT_EXT.
            granted |= offered & FuseInitFlags.InitExt;
        }

        uint minor = Math.Min(offer.Minor, FuseAbi.MaxMinorVersion);
        reply = new FuseInitOut
        {
            Major = FuseAbi.KernelVersion,
            Minor = minor,
            MaxReadahead = offer.MaxReadahead,
            Flags = (uint)granted,
            Flags2 = (uint)((ulong)granted >> 32),
            MaxBackground = options.MaxBackground,
            CongestionThreshold = Math.Min(options.CongestionThreshold, options.MaxBackground),
            MaxWrite = (uint)options.MaxWrite,
            TimeGran = 1,
            MaxPages = (granted & FuseInitFlags.MaxPages) != 0 ? (ushort)(options.MaxWrite / FuseAbi.PageSize) : (ushort)0,
        };
        info = new FuseInitInfo(offer.Major, offer.Minor, minor, offered, granted, reply.MaxWrite, reply.MaxReadahead);
        return FuseInitOutcome.Accepted;
    }
}
