using System.Globalization;
using System.Runtime.CompilerServices;
using Keystone.Core.Accounts;

namespace Keystone.Testing;

/// <summary>
/// The test processes hash passwords at a low work factor: the suites sign in hundreds of times, and at
/// OWASP's 600,000 iterations (the program's default) each sign-in would cost a quarter of a second of CPU.
/// Set before anything reads <see cref="PasswordHashing.Iterations"/>, so every hash a test makes — the
/// demo users of the template databases included — is made at this count.
/// </summary>
internal static class TestPasswords
{
    public const int Iterations = 10_000;

    [ModuleInitializer]
    internal static void LowerTheWorkFactor() =>
        Environment.SetEnvironmentVariable(PasswordHashing.IterationsVariable, Iterations.ToString(CultureInfo.InvariantCulture));
}
