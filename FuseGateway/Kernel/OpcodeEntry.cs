namespace WriteCache.FuseGateway.Kernel;

/// <summary>One row of the opcode table.</summary>
/// <param name="Opcode">The opcode.</param>
/// <param name="Name">Name for logs (the kernel's spelling).</param>
/// <param name="MinInputSize">Smallest body (after the in header) a well-formed request has; shorter gets EINVAL.</param>
/// <param name="NoReply">True for FORGET, BATCH_FORGET and INTERRUPT: the kernel expects no answer, not even an error.</param>
/// <param name="Handler">The operation.</param>
internal sealed record OpcodeEntry(FuseOpcode Opcode, string Name, int MinInputSize, bool NoReply, FuseOperationHandler Handler);
