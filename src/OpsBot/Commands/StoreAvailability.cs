using System.Data.Common;

namespace OpsBot.Commands;

/// <summary>
/// Tells "the state store did not answer" (restarting, failing over, connections cut) from every other failure, so that
/// a person is told plainly that nothing was recorded instead of "something went wrong".
/// </summary>
public static class StoreAvailability
{
    /// <summary>
    /// True for a provider error (Npgsql, SQLite: <see cref="DbException"/>), directly or as an inner cause. Not for a bare
    /// <see cref="TimeoutException"/>: an HTTP call to a cluster or to Slack times out the same way.
    /// </summary>
    public static bool IsUnavailable(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is DbException)
            {
                return true;
            }
        }

        return false;
    }
}
