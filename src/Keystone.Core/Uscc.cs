namespace Keystone.Core;

/// <summary>
/// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
/// alphabet (digits and capitals without I, O, S, V, Z); the last is a check character computed from the
/// first 17 with weights 3^i mod 31.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(UsccJsonConverter))]
public readonly record struct Uscc
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public Uscc(string value)
    {
        var code = (value ?? "").Trim().ToUpperInvariant();
        if (TryCheck(code) is { } problem)
        {
            throw new DomainException(problem, "uscc");
        }

        Value = code;
    }

    public string Value { get; }

    public static bool IsValid(string value) => TryCheck((value ?? "").Trim().ToUpperInvariant()) is null;

    /// <summary>The check character for the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    private static Text? TryCheck(string code)
    {
        if (code.Length != 18)
        {
            return new($"统一社会信用代码“{code}”应为18位，实为{code.Length}位",
                $"The unified social credit code \"{code}\" must have 18 characters, not {code.Length}");
        }

        foreach (var c in code)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return new($"统一社会信用代码“{code}”含有非法字符“{c}”（不使用 I、O、S、V、Z）",
                    $"The unified social credit code \"{code}\" contains the character '{c}', which it cannot (I, O, S, V, Z are not used)");
            }
        }

        var expected = CheckCharacter(code.AsSpan(0, 17));
        return expected == code[17]
            ? null
            : new($"统一社会信用代码“{code}”校验位错误：第18位应为“{expected}”",
                $"The unified social credit code \"{code}\" has a wrong check character: the 18th should be '{expected}'");
    }

    public override string ToString() => Value;
}
