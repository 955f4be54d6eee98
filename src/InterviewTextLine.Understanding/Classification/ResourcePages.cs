using System.Reflection;
using System.Runtime.InteropServices;

namespace InterviewTextLine.Understanding.Classification;

/// <summary>
/// Hands back to the kernel the memory pages of an assembly resource that has been read once and will not be
/// read again.
/// </summary>
/// <remarks>
/// The runtime maps an assembly's file into memory, and a resource is read straight from that mapping. The
/// sentence model's 87 MiB of weights ship inside its package's assembly: ONNX Runtime copies them into its
/// session as it loads, but the mapped pages it read through stay in the process's working set until the
/// kernel runs short, beside the copy (docs/performance.md §8). Those pages are file-backed and never
/// written, so dropping them loses nothing: a later read would page them in again from the file. Only the
/// whole pages inside the resource are dropped, never the assembly's code or metadata around it. On an
/// operating system without <c>madvise</c> this does nothing.
/// </remarks>
internal static unsafe partial class ResourcePages
{
    /// <summary>MADV_DONTNEED: the range is not needed now; clean file-backed pages are simply dropped.</summary>
    private const int DontNeed = 4;

    /// <summary>Drops the resident pages of <paramref name="assembly"/>'s resource <paramref name="name"/>.</summary>
    /// <returns>How many bytes were handed back (0 where the resource is not mapped, or not on Linux).</returns>
    public static long Release(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!OperatingSystem.IsLinux() || assembly.GetManifestResourceStream(name) is not UnmanagedMemoryStream stream)
        {
            return 0;
        }

        using (stream)
        {
            long page = Environment.SystemPageSize;
            var start = (long)stream.PositionPointer;
            var first = (start + page - 1) / page * page;
            var end = (start + stream.Length) / page * page;
            return end > first && Advise((nint)first, (nuint)(end - first), DontNeed) == 0 ? end - first : 0;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nint address, nuint length, int advice);
}
