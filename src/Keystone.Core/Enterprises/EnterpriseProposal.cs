using Keystone.Core.Projects;

namespace Keystone.Core.Enterprises;

public enum ProposalStatus
{
    Open,
    Accepted,
    Rejected,
}

/// <summary>
/// A change to a shared enterprise's record proposed by a unit that does not own it (a new name, from a
/// project's form or a ledger row), waiting for the owner to accept or reject it. Accepting applies it.
/// </summary>
public sealed class EnterpriseProposal
{
    public const int MaxTextLength = 500;

    public EnterpriseProposal(Enterprise enterprise, string name, string? reason, int proposedByUnitId, string proposedBy, DateTimeOffset at)
    {
        var proposed = Enterprise.CheckName(name);
        if (proposed == enterprise.Name)
        {
            throw new DomainException(new("提议的企业名称与现有名称相同", "The proposed name is the enterprise's name already"), "name");
        }

        Enterprise = enterprise;
        EnterpriseId = enterprise.Id;
        Name = proposed;
        Reason = CheckText(reason, "reason");
        ProposedByUnitId = proposedByUnitId;
        ProposedBy = proposedBy;
        ProposedAt = at.ToUniversalTime();
        Status = ProposalStatus.Open;
    }

    private EnterpriseProposal()
    {
        Name = "";
        ProposedBy = "";
    }

    public int Id { get; private set; }

    public int EnterpriseId { get; private set; }

    public Enterprise? Enterprise { get; private set; }

    /// <summary>The name proposed.</summary>
    public string Name { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The unit whose officer (or ledger) proposed it.</summary>
    public int ProposedByUnitId { get; private set; }

    public string ProposedBy { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    public ProposalStatus Status { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>The owner accepts: the enterprise takes the proposed name. Needs <see cref="Enterprise"/> loaded.</summary>
    public void Accept(string by, DateTimeOffset at, string? comment)
    {
        var enterprise = Enterprise ?? throw new InvalidOperationException("Load the proposal's enterprise before accepting it");
        Decide(ProposalStatus.Accepted, by, at, comment);
        enterprise.Rename(Name);
    }

    public void Reject(string by, DateTimeOffset at, string? comment) => Decide(ProposalStatus.Rejected, by, at, comment);

    private void Decide(ProposalStatus status, string by, DateTimeOffset at, string? comment)
    {
        if (Status != ProposalStatus.Open)
        {
            throw new DomainException(new("该变更申请已处理过", "This proposal was already decided"), "status");
        }

        Comment = CheckText(comment, "comment");
        Status = status;
        DecidedBy = by;
        DecidedAt = at.ToUniversalTime();
    }

    private static string? CheckText(string? text, string field)
    {
        var t = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (t is { Length: > MaxTextLength })
        {
            throw new DomainException(new($"说明不超过{MaxTextLength}字", $"At most {MaxTextLength} characters"), field);
        }

        return t;
    }
}
