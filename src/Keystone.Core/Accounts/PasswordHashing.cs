using System.Globalization;
using System.Security.Cryptography;

namespace Keystone.Core.Accounts;

/// <summary>
/// Passwords are stored only as salted PBKDF2-SHA256 hashes ("pbkdf2-sha256$iterations$salt$hash"), the
/// scheme ASP.NET Core Identity uses. The iteration count is stored with each hash, so hashes made at an
/// older, lower count keep verifying and are replaced at the owner's next sign-in (<see cref="NeedsRehash"/>).
/// </summary>
public static class PasswordHashing
{
    public const int MinimumLength = 8;

    /// <summary>OWASP's current work factor for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023).</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>The environment variable that lowers (or raises) the work factor of new hashes; read once per process.</summary>
    public const string IterationsVariable = "Keystone__Passwords__Iterations";

    private const string Scheme = "pbkdf2-sha256";

    private static readonly AsyncLocal<CheckCounter?> Counting = new();

    /// <summary>
    /// The iteration count new hashes get: <see cref="DefaultIterations"/> unless the process was started with
    /// <see cref="IterationsVariable"/> (the test suites lower it, so that hundreds of sign-ins stay quick).
    /// </summary>
    public static int Iterations { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1_000
            ? n
            : DefaultIterations;

    /// <summary>
    /// A hash of a random password no one knows, at the current work factor: an unknown or disabled user's
    /// sign-in is checked against it, so that it costs what a real user's does and time does not tell them apart.
    /// </summary>
    private static readonly Lazy<string> Dummy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public static string Hash(string password) => Hash(password, Iterations);

    public static string Hash(string password, int iterations)
    {
        Check(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        if (Parse(stored) is not { } parts)
        {
            return false;
        }

        if (Counting.Value is { } counter)
        {
            Interlocked.Increment(ref counter.Checks);
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(password, parts.Salt, parts.Iterations, HashAlgorithmName.SHA256, parts.Hash.Length);
        return CryptographicOperations.FixedTimeEquals(actual, parts.Hash);
    }

    /// <summary>Spends what checking a real password costs, and always fails: the check for a name that cannot sign in.</summary>
    public static bool VerifyNobody(string password)
    {
        Verify(password, Dummy.Value);
        return false;
    }

    /// <summary>The iteration count a stored hash was made with, or 0 when it is not one of ours.</summary>
    public static int IterationsOf(string stored) => Parse(stored)?.Iterations ?? 0;

    /// <summary>Whether a stored hash is weaker than what new hashes get, and should be replaced when the password is next known.</summary>
    public static bool NeedsRehash(string stored) => IterationsOf(stored) < Iterations;

    public static void Check(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            throw new DomainException(new($"密码至少{MinimumLength}位", $"A password needs at least {MinimumLength} characters"), "password");
        }
    }

    /// <summary>
    /// Counts the full password checks made from here on in the calling flow (async calls included), until
    /// disposed: how a test sees, without timing anything, that a sign-in for an unknown name costs a check too.
    /// </summary>
    public static CheckCounter CountChecks()
    {
        var counter = new CheckCounter();
        Counting.Value = counter;
        return counter;
    }

    public sealed class CheckCounter : IDisposable
    {
        // A field, not a property: Interlocked needs a reference to it.
        internal int Checks;

        public int Count => Volatile.Read(ref Checks);

        public void Dispose() => Counting.Value = null;
    }

    private static (int Iterations, byte[] Salt, byte[] Hash)? Parse(string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return null;
        }

        try
        {
            return (iterations, Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
