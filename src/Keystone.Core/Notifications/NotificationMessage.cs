namespace Keystone.Core.Notifications;

/// <summary>What a notification item is about (docs/domain.md, "Notifications").</summary>
public enum NotifyKind
{
    /// <summary>A 督办单 was issued: sent at once, on the next run after it.</summary>
    NoticeIssued,

    /// <summary>A problem of the unit is overdue (daily digest).</summary>
    ProblemOverdue,

    /// <summary>A problem of a unit below escalated to this one (daily digest).</summary>
    ProblemEscalated,

    /// <summary>A 督办单's reply is due or overdue (daily digest).</summary>
    NoticeDue,

    /// <summary>A project's monthly report was not filed by its day (daily digest).</summary>
    ReportLate,

    /// <summary>Papers owed under 容缺受理 or a commitment to verify under 承诺制, due or overdue (daily digest).</summary>
    ObligationDue,

    /// <summary>An officer's 催报 for a project's month: sent at once, on the next run after it.</summary>
    ReportReminded,
}

public enum MessageStatus
{
    /// <summary>The robot answered errcode 0.</summary>
    Sent,

    /// <summary>The send failed (HTTP error, time-out, errcode ≠ 0): retried on the next run.</summary>
    Failed,

    /// <summary>A failed digest item of an earlier day whose subject is in a later digest: that one carries it.</summary>
    Superseded,
}

/// <summary>
/// One item sent (or to be sent again) to one robot: the record that makes each item go once per robot and
/// day (the unique <see cref="RobotId"/>, <see cref="Subject"/>, <see cref="Day"/>), and keeps a failed send
/// until it is sent. Items sent together in one message share <see cref="Batch"/>.
/// </summary>
public sealed class NotificationMessage
{
    public const int MaxSubjectLength = 300;
    public const int MaxBodyLength = 2000;
    public const int MaxErrorLength = 500;

    public NotificationMessage(int orgUnitId, int robotId, NotifyKind kind, string subject, DateOnly day, string body, DateTimeOffset at)
    {
        OrgUnitId = orgUnitId;
        RobotId = robotId;
        Kind = kind;
        Subject = subject.Length > MaxSubjectLength ? subject[..MaxSubjectLength] : subject;
        Day = day;
        Body = body.Length > MaxBodyLength ? body[..MaxBodyLength] : body;
        CreatedAt = at.ToUniversalTime();
        Status = MessageStatus.Failed;
    }

    private NotificationMessage()
    {
        Subject = "";
        Body = "";
    }

    public long Id { get; private set; }

    public int OrgUnitId { get; private set; }

    /// <summary>The robot it goes to; null once that robot is removed (the record stays, nothing is retried).</summary>
    public int? RobotId { get; private set; }

    public NotifyKind Kind { get; private set; }

    /// <summary>What the item is about, without the day: "problem-overdue/P2024-0003", "notice-issued/阳泉市督〔2024〕1号".</summary>
    public string Subject { get; private set; }

    /// <summary>The business day the item is for (a digest's day; a notice's day of issue).</summary>
    public DateOnly Day { get; private set; }

    /// <summary>The item's line of the message (zh-CN markdown).</summary>
    public string Body { get; private set; }

    public MessageStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public Guid? Batch { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Records one attempt to send it, in <paramref name="batch"/>: sent, or failed with the reason.</summary>
    public void Attempted(Guid batch, string? error, DateTimeOffset at)
    {
        if (Status == MessageStatus.Sent)
        {
            throw new DomainException(new("该消息已发送", "The message was sent already"));
        }

        Attempts++;
        Batch = batch;
        LastAttemptAt = at.ToUniversalTime();
        if (error is null)
        {
            Status = MessageStatus.Sent;
            SentAt = at.ToUniversalTime();
            LastError = null;
        }
        else
        {
            Status = MessageStatus.Failed;
            LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        }
    }

    /// <summary>A failed item a later digest repeats: that one is sent instead.</summary>
    public void Supersede(DateTimeOffset at)
    {
        if (Status != MessageStatus.Failed)
        {
            throw new DomainException(new("只有发送失败的消息可被后续消息取代", "Only a failed message can be superseded"));
        }

        Status = MessageStatus.Superseded;
        LastAttemptAt = at.ToUniversalTime();
    }
}
