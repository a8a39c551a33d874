namespace Keystone.Core.Accounts;

/// <summary>
/// One sign-in of a person in a browser, kept in the database so that it can be ended there: the sign-in
/// cookie only names the session, and a cookie whose session has ended (signed out, ended from another
/// browser, or its user disabled or given a new password) is refused on the next request, wherever it was
/// copied to and whichever web node it reaches.
/// </summary>
public sealed class UserSession
{
    public const int MaxAddressLength = 64;
    public const int MaxClientLength = 200;

    /// <summary>How stale <see cref="LastSeenAt"/> may be: writing it on every request would turn each page read into a write.</summary>
    public static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(5);

    public UserSession(User user, DateTimeOffset at, string? address, string? client)
    {
        // Random (version 4): the id travels inside the encrypted cookie, but is not guessable either.
        Id = Guid.NewGuid();
        UserId = user.Id;
        CreatedAt = at.ToUniversalTime();
        LastSeenAt = CreatedAt;
        Address = Clip(address, MaxAddressLength);
        Client = Clip(client, MaxClientLength);
    }

    private UserSession()
    {
    }

    public Guid Id { get; private set; }

    public int UserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the session was last used, to within <see cref="SeenEvery"/>.</summary>
    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>When it was ended (signed out or ended by its user, or by a disable or a password reset); null while it lasts.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The client's address at sign-in, so its user can tell one session from another.</summary>
    public string? Address { get; private set; }

    /// <summary>The browser's User-Agent at sign-in, cut to <see cref="MaxClientLength"/> characters.</summary>
    public string? Client { get; private set; }

    public bool IsLive => EndedAt is null;

    public void End(DateTimeOffset at)
    {
        if (EndedAt is not null)
        {
            throw new DomainException(new("该会话已结束", "The session has already ended"), "session");
        }

        EndedAt = at.ToUniversalTime();
    }

    private static string? Clip(string? text, int length)
    {
        var clean = new string((text ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? null : clean.Length > length ? clean[..length] : clean;
    }
}
