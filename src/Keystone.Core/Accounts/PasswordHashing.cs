using System.Security.Cryptography;

namespace Keystone.Core.Accounts;

/// <summary>
/// Passwords are stored only as salted PBKDF2-SHA256 hashes ("pbkdf2-sha256$iterations$salt$hash"), the
/// scheme ASP.NET Core Identity uses; the iteration count is stored so it can be raised later.
/// </summary>
public static class PasswordHashing
{
    public const int MinimumLength = 8;
    private const int Iterations = 210_000;
    private const string Scheme = "pbkdf2-sha256";

    public static string Hash(string password)
    {
        Check(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static void Check(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            throw new DomainException(new($"密码至少{MinimumLength}位", $"A password needs at least {MinimumLength} characters"), "password");
        }
    }
}
