namespace OpsBot.Caching;

/// <summary>How current a cached answer is: <see cref="Live"/> while every watch involved is open, else its age.</summary>
public readonly record struct CacheFreshness(bool Live, TimeSpan Age);
