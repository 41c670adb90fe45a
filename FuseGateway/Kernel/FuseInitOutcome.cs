namespace WriteCache.FuseGateway.Kernel;

/// <summary>What to do with a kernel's INIT offer.</summary>
internal enum FuseInitOutcome
{
    /// <summary>Negotiated; answer with the computed init_out.</summary>
    Accepted,

    /// <summary>The kernel speaks a newer major; answer with ours and wait for a second INIT.</summary>
    AskForOlderMajor,

    /// <summary>The kernel is too old for our struct layouts; answer EPROTO.</summary>
    Unsupported,
}
