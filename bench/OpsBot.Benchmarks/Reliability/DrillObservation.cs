namespace OpsBot.Benchmarks.Reliability;

/// <summary>
/// What one command got, whatever the platform: when it was sent, its ack's HTTP status (0: the bot could not be
/// reached), its replies (an ack that carried the reply counts as one, at the send) and the notices that it could not
/// be answered or that its reply may be missing.
/// </summary>
internal sealed record DrillObservation(int Index, TimeSpan SentAt, int AckStatus, IReadOnlyList<DrillReply> Replies, int Notices);
