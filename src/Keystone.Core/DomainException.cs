namespace Keystone.Core;

/// <summary>
/// A request the domain refuses: an illegal transition, a broken invariant, a value out of range.
/// <see cref="Field"/> names the input it concerns (camelCase, as in the API) when there is one.
/// The API turns it into a 400 ProblemDetails; the CLI prints it and exits 2.
/// </summary>
public sealed class DomainException(Text message, string? field = null) : Exception(message.Zh)
{
    public Text Text { get; } = message;

    public string? Field { get; } = field;
}

/// <summary>Several field errors found together, so the user can fix them all at once.</summary>
public sealed class ValidationException(IReadOnlyList<DomainException> errors)
    : Exception(string.Join("; ", errors.Select(e => e.Text.Zh)))
{
    public IReadOnlyList<DomainException> Errors { get; } = errors;
}

/// <summary>
/// A write refused because of what the data already holds (a thing done once that cannot be done again): the
/// API answers 409 with <see cref="Text"/>; a page shows it as any refusal.
/// </summary>
public sealed class ConflictException(Text message, string? field = null) : Exception(message.Zh)
{
    public Text Text { get; } = message;

    public string? Field { get; } = field;
}

/// <summary>What was asked for does not exist, or is outside the caller's scope (answered the same way).</summary>
public sealed class NotFoundException(Text message) : Exception(message.Zh)
{
    public Text Text { get; } = message;
}
