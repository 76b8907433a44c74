using Monitor.Ingest.Privacy;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Privacy;

public sealed class PseudonymizerTests
{
    private const string OpenId = "oTestUser000000000000000001";

    [Fact]
    public void SameKeyGivesTheSamePseudonym() =>
        Assert.Equal(Some.Pseudonymizer(1).Pseudonymize(OpenId), new Pseudonymizer(Some.Key(1)).Pseudonymize(OpenId));

    [Fact]
    public void AnotherKeyGivesAnotherPseudonym() =>
        Assert.NotEqual(Some.Pseudonymizer(1).Pseudonymize(OpenId), Some.Pseudonymizer(2).Pseudonymize(OpenId));

    [Fact]
    public void AnotherIdGivesAnotherPseudonym() =>
        Assert.NotEqual(Some.Pseudonymizer().Pseudonymize(OpenId), Some.Pseudonymizer().Pseudonymize(OpenId + "x"));

    [Fact]
    public void PseudonymIsShortLowercaseAndHoldsNoRawId()
    {
        var pseudonym = Some.Pseudonymizer().Pseudonymize(OpenId);
        Assert.Matches("^u_[a-z2-7]{20}$", pseudonym);
        Assert.DoesNotContain("oTestUser", pseudonym, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AShortKeyIsRefused() =>
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(new byte[16]));

    [Fact]
    public void KeyFileIsCreatedOnceAndThenReused()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ingest-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = Pseudonymizer.LoadOrCreateKey(directory);
            var second = Pseudonymizer.LoadOrCreateKey(directory);
            Assert.Equal(32, first.Length);
            Assert.Equal(first, second);
            var path = Path.Combine(directory, Pseudonymizer.KeyFileName);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ATruncatedKeyFileIsAnErrorNotASilentNewKey()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ingest-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllBytes(Path.Combine(directory, Pseudonymizer.KeyFileName), new byte[5]);
            var error = Assert.Throws<InvalidDataException>(() => Pseudonymizer.LoadOrCreateKey(directory));
            Assert.Contains("has 5 bytes", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
