namespace DkpFips.Core.Aws
{
    /// <summary>Outcome of one check of an AMI. Only <see cref="Failed"/> makes an image unfit.</summary>
    public enum AmiCheckStatus
    {
        Passed,
        Failed,
        Warning,
        Skipped,
    }
}
