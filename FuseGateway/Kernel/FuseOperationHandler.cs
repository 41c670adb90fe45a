namespace WriteCache.FuseGateway.Kernel;

/// <summary>Parses one request of a given opcode, calls the file system and writes the reply.</summary>
/// <remarks>The task completes when the reply has been sent (or, for FORGET-like opcodes, when the call is done).</remarks>
internal delegate ValueTask FuseOperationHandler(FuseRequest request);
