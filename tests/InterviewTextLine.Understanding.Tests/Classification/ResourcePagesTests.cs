using System.Security.Cryptography;
using InterviewTextLine.Understanding.Classification;

namespace InterviewTextLine.Understanding.Tests.Classification;

/// <summary>
/// Handing back the pages of a resource already read: on Linux the pages go, and the resource still reads
/// the same afterwards (they come back from the file), so nothing that reads it later can see a difference.
/// </summary>
public sealed class ResourcePagesTests
{
    private const string EnglishModel = "InterviewTextLine.Understanding.Models.en.model.zip";

    [Fact]
    public void A_released_resource_reads_the_same_afterwards()
    {
        var assembly = typeof(ShippedModels).Assembly;
        var before = Hash(assembly, EnglishModel);

        var released = ResourcePages.Release(assembly, EnglishModel);

        Assert.Equal(before, Hash(assembly, EnglishModel));
        if (OperatingSystem.IsLinux())
        {
            // All the whole pages inside a 6 MB resource: at most one page short at each end.
            var length = Length(assembly, EnglishModel);
            Assert.InRange(released, length - (2 * Environment.SystemPageSize), length);
        }
    }

    [Fact]
    public void A_missing_resource_releases_nothing() =>
        Assert.Equal(0, ResourcePages.Release(typeof(ShippedModels).Assembly, "InterviewTextLine.Understanding.Models.xx.model.zip"));

    private static string Hash(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private static long Length(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        return stream.Length;
    }
}
