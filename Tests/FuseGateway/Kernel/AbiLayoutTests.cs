using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WriteCache.FuseGateway.Kernel.Abi;

namespace WriteCache.Tests.FuseGateway.Kernel;

/// <summary>Struct sizes and offsets must match the kernel's fuse.h exactly, or every message is garbled.</summary>
public sealed class AbiLayoutTests
{
    [Theory]
    [InlineData(typeof(FuseInHeader), 40)]
    [InlineData(typeof(FuseOutHeader), 16)]
    [InlineData(typeof(FuseInitIn), 64)]
    [InlineData(typeof(FuseInitOut), 64)]
    [InlineData(typeof(FuseAttr), 88)]
    [InlineData(typeof(FuseEntryOut), 128)]
    [InlineData(typeof(FuseAttrOut), 104)]
    [InlineData(typeof(FuseOpenIn), 8)]
    [InlineData(typeof(FuseOpenOut), 16)]
    [InlineData(typeof(FuseCreateIn), 16)]
    [InlineData(typeof(FuseCreateOut), 144)]
    [InlineData(typeof(FuseReadIn), 40)]
    [InlineData(typeof(FuseWriteIn), 40)]
    [InlineData(typeof(FuseWriteOut), 8)]
    [InlineData(typeof(FuseSetAttrIn), 88)]
    [InlineData(typeof(FuseMkDirIn), 8)]
    [InlineData(typeof(FuseMkNodIn), 16)]
    [InlineData(typeof(FuseRenameIn), 8)]
    [InlineData(typeof(FuseRename2In), 16)]
    [InlineData(typeof(FuseLinkIn), 8)]
    [InlineData(typeof(FuseGetAttrIn), 16)]
    [InlineData(typeof(FuseReleaseIn), 24)]
    [InlineData(typeof(FuseFlushIn), 24)]
    [InlineData(typeof(FuseFsyncIn), 16)]
    [InlineData(typeof(FuseForgetIn), 8)]
    [InlineData(typeof(FuseForgetOne), 16)]
    [InlineData(typeof(FuseBatchForgetIn), 8)]
    [InlineData(typeof(FuseInterruptIn), 8)]
    [InlineData(typeof(FuseAccessIn), 8)]
    [InlineData(typeof(FuseKStatFs), 80)]
    [InlineData(typeof(FuseDirent), 24)]
    [InlineData(typeof(FuseDirentPlus), 152)]
    public void StructSizeMatchesTheKernel(Type type, int expected)
    {
        Assert.Equal(expected, Marshal.SizeOf(type));
        int managed = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
        Assert.Equal(expected, managed);
    }

    [Fact]
    public void InitOutPutsMaxPagesAt28AndFlags2At32()
    {
        Assert.Equal(20, (int)Marshal.OffsetOf<FuseInitOut>(nameof(FuseInitOut.MaxWrite)));
        Assert.Equal(28, (int)Marshal.OffsetOf<FuseInitOut>(nameof(FuseInitOut.MaxPages)));
        Assert.Equal(32, (int)Marshal.OffsetOf<FuseInitOut>(nameof(FuseInitOut.Flags2)));
    }

    [Fact]
    public void EntryOutCarriesAttrAt40AndAttrOutAt16()
    {
        Assert.Equal(40, (int)Marshal.OffsetOf<FuseEntryOut>(nameof(FuseEntryOut.Attr)));
        Assert.Equal(16, (int)Marshal.OffsetOf<FuseAttrOut>(nameof(FuseAttrOut.Attr)));
        Assert.Equal(60, (int)Marshal.OffsetOf<FuseAttr>(nameof(FuseAttr.Mode)));
    }

    [Fact]
    public void DirentPlusPutsTheDirentAfterTheEntry()
    {
        Assert.Equal(128, (int)Marshal.OffsetOf<FuseDirentPlus>(nameof(FuseDirentPlus.Dirent)));
        Assert.Equal(160, FuseDirentPlus.RecordSize(2));
        Assert.Equal(32, FuseDirent.RecordSize(5));
    }

    [Fact]
    public void InHeaderPutsTotalExtLenAt36()
    {
        Assert.Equal(36, (int)Marshal.OffsetOf<FuseInHeader>(nameof(FuseInHeader.TotalExtLen)));
    }
}
